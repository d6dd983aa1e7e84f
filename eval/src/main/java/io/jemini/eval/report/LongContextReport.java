package io.jemini.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.training.RunDirectory;
import io.jemini.eval.longcontext.LongContextSuites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The report sections of the long-context suites run on a language model ({@code eval/<suite>[-<tag>].json}). */
public final class LongContextReport {
    private LongContextReport() {
    }

    /** Sections for the long-context suites that have been run on this model, untagged first, then by tag. */
    public static String section(RunDirectory run, List<JsonNode> metrics, JsonNode results) {
        StringBuilder md = new StringBuilder();
        for (LongContextSuites.Suite suite : LongContextSuites.Suite.values()) {
            for (Path file : suiteResults(run.dir().resolve("eval"), suite.key())) {
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

    /** {@code <suite>.json} if present, then {@code <suite>-<tag>.json} by name. */
    private static List<Path> suiteResults(Path evalDir, String suite) {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(evalDir)) {
            return found;
        }
        try (var files = Files.list(evalDir)) {
            files.filter(f -> {
                String name = f.getFileName().toString();
                return name.equals(suite + ".json") || (name.startsWith(suite + "-") && name.endsWith(".json"));
            }).sorted(Comparator.comparing(f -> f.getFileName().toString().equals(suite + ".json") ? ""
                    : f.getFileName().toString())).forEach(found::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + evalDir + ": " + e.getMessage(), e);
        }
        return found;
    }

}
