package io.jemini.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.training.RunDirectory;
import io.jemini.eval.longcontext.LongContextSuites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The report sections of the long-context suites run on a language model ({@code eval/<suite>[-<tag>].json}). */
public final class LongContextReport {
    private LongContextReport() {
    }

    /** Sections for the long-context suites that have been run on this model, untagged first, then by tag. */
    public static String section(RunDirectory run, List<JsonNode> metrics, JsonNode results) {
        StringBuilder md = new StringBuilder();
        for (LongContextSuites.Suite suite : LongContextSuites.Suite.values()) {
            for (Path file : StoredEvaluations.of(run, suite.key())) {
                JsonNode r = ConfigReader.readTree(file);
                String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
                md.append("## ").append(suite.title()).append(r.has("tag") ? " (" + r.get("tag").asText() + ")" : "").append("\n\n");
                md.append("Trained length ").append(r.path("trained_length").asInt()).append(" tokens; RoPE scaling ")
                        .append(r.path("rope_scaling").asText()).append(". ");
                if (r.path("overrides").size() > 0) {
                    List<String> sets = new ArrayList<>();
                    r.get("overrides").forEach(o -> sets.add("`" + o.asText() + "`"));
                    md.append("Evaluated with ").append(String.join(", ", sets)).append(". ");
                }
                md.append(LongContextSuites.summary(r));
                md.append("\n\n");
                if (Files.exists(run.plots().resolve(stem + ".png"))) {
                    md.append("![").append(stem).append("](plots/").append(stem).append(".png)\n\n");
                }
            }
        }
        return md.toString();
    }
}
