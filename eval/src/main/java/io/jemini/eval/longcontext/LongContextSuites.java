package io.jemini.eval.longcontext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.config.UsageException;
import io.jemini.engine.training.RunDirectory;
import io.jemini.eval.report.Figures;
import io.jemini.lm.eval.Haystack;
import io.jemini.lm.eval.NeedleSuite;
import io.jemini.lm.eval.PositionLoss;
import io.jemini.lm.training.LmObjective;
import io.jemini.lm.training.LmRunConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Runs a long-context suite ({@code niah}, {@code multi-needle}, {@code nll-position}) on a
 * trained LM and stores its figures in the run directory: {@code eval/<suite>.json} and
 * {@code plots/<suite>.png}, which the run's report shows. An evaluation under changed settings
 * (another RoPE scaling, longer lengths) carries a tag and goes to {@code <suite>-<tag>.*}
 * beside them, so no earlier result is overwritten.
 */
public final class LongContextSuites {
    public static final List<String> SUITES = List.of("niah", "multi-needle", "nll-position");

    private LongContextSuites() {
    }

    /** The file stem of a suite's results under {@code tag} (null: untagged). */
    public static String stem(String suite, String tag) {
        return tag == null ? suite : suite + "-" + tag;
    }

    /** Where a suite's results go. */
    public static Path results(RunDirectory run, String suite, String tag) {
        return run.dir().resolve("eval").resolve(stem(suite, tag) + ".json");
    }

    /**
     * @param tag       names this evaluation's files (null: the suite's own name)
     * @param overrides the {@code --set} changes applied to the run's config, recorded with the figures
     */
    public static ObjectNode run(String suite, LmObjective setup, RunDirectory run, String tag, List<String> overrides) {
        LmRunConfig cfg = setup.config();
        if (setup.data().tokenizer() == null) {
            throw new UsageException("suite " + suite + " needs a text model (data.source brown); " + run.dir()
                    + " was trained on " + cfg.data().source().key());
        }
        LmRunConfig.LongContext l = cfg.longContext();
        long seed = cfg.seed() ^ suite.hashCode();
        ObjectNode out = switch (suite) {
            case "niah" -> NeedleSuite.grid(setup.model(), haystack(setup), l, seed);
            case "multi-needle" -> NeedleSuite.multi(setup.model(), haystack(setup), l, seed);
            case "nll-position" -> PositionLoss.measure(setup.model(), setup.data().test().tokens(), l.maxLength(),
                    l.positionSequences(), cfg.model().seqLen());
            default -> throw new IllegalArgumentException("unknown suite '" + suite + "'; allowed: " + String.join(", ", SUITES));
        };
        out.put("suite", suite);
        out.put("rope_scaling", cfg.model().ropeScaling().key() + (cfg.model().ropeFactor() > 1 ? " ×" + cfg.model().ropeFactor() : ""));
        out.put("trained_length", cfg.model().seqLen());
        if (tag != null) {
            out.put("tag", tag);
        }
        overrides.forEach(out.putArray("overrides")::add);
        run.write(results(run, suite, tag), ConfigReader.toJson(out));
        String plot = stem(suite, tag) + ".png";
        if (Figures.available()) {
            switch (suite) {
                case "niah" -> LongContextPlots.grid(run, out, plot);
                case "multi-needle" -> LongContextPlots.multi(run, out, plot);
                default -> LongContextPlots.position(run, out, plot);
            }
        }
        return out;
    }

    private static Haystack haystack(LmObjective setup) {
        return new Haystack(setup.data().test().tokens(), setup.data().tokenizer());
    }

    /** The headline of a suite's results, one sentence per figure (the command line prints it, the report shows it). */
    public static String summary(JsonNode r) {
        if (r.has("cells")) {
            return String.format(Locale.ROOT, "Needle recall %.3f over %d lengths × %d depths (greedy answer, exact match of the 7 "
                    + "digits)%s.", r.get("recall").asDouble(), r.get("lengths").size(), r.get("depths").size(),
                    r.has("digit_accuracy") ? String.format(Locale.ROOT, "; digits in place %.3f, chance 0.1",
                            r.get("digit_accuracy").asDouble()) : "");
        }
        if (r.has("recall")) {
            return "Recall per length " + r.get("lengths") + ": distinct keys " + r.get("recall") + ", similar keys "
                    + r.get("recall_similar_keys") + "." + (r.has("wrong_needle") ? " Answers giving another needle's number: "
                    + "distinct keys " + r.get("wrong_needle") + ", similar keys " + r.get("wrong_needle_similar_keys") + "." : "");
        }
        JsonNode f = r.path("fit");
        return String.format(Locale.ROOT, "C(x) at x = %s: %s. Power-law fit %.4f·x^%.4f + %.4f for x ≤ %d, R² %.4f, over %d "
                + "held-out sequences.", r.get("x"), r.get("cumulative_nll"), f.path("alpha").asDouble(), f.path("beta").asDouble(),
                f.path("gamma").asDouble(), f.path("up_to").asInt(), f.path("r_squared").asDouble(), r.path("sequences").asInt());
    }
}
