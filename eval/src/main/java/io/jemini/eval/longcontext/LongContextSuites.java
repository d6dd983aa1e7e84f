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
    /** The suites, by their {@code --suite} name and report heading. */
    public enum Suite {
        NIAH("niah", "Needle in a haystack"), MULTI_NEEDLE("multi-needle", "Multiple needles"),
        NLL_POSITION("nll-position", "Loss versus position");

        private final String key;
        private final String title;

        Suite(String key, String title) {
            this.key = key;
            this.title = title;
        }

        /** The suite's name on the command line and in file names. */
        public String key() {
            return key;
        }

        /** Its section heading in the report. */
        public String title() {
            return title;
        }
    }

    private LongContextSuites() {
    }

    /** The file stem of a suite's results under {@code tag} (null: untagged). */
    public static String stem(Suite suite, String tag) {
        return tag == null ? suite.key() : suite.key() + "-" + tag;
    }

    /** Where a suite's results go. */
    public static Path results(RunDirectory run, Suite suite, String tag) {
        return run.dir().resolve("eval").resolve(stem(suite, tag) + ".json");
    }

    /**
     * @param tag       names this evaluation's files (null: the suite's own name)
     * @param overrides the {@code --set} changes applied to the run's config, recorded with the figures
     */
    public static ObjectNode run(Suite suite, LmObjective setup, RunDirectory run, String tag, List<String> overrides) {
        LmRunConfig cfg = setup.config();
        if (setup.data().tokenizer() == null) {
            throw new UsageException("suite " + suite.key() + " needs a text model (data.source brown or text); " + run.dir()
                    + " was trained on " + cfg.data().source().key());
        }
        LmRunConfig.LongContext l = cfg.longContext();
        long seed = cfg.seed() ^ suite.key().hashCode();
        ObjectNode out = switch (suite) {
            case NIAH -> NeedleSuite.grid(setup.model(), haystack(setup), l, seed);
            case MULTI_NEEDLE -> NeedleSuite.multi(setup.model(), haystack(setup), l, seed);
            case NLL_POSITION -> PositionLoss.measure(setup.model(), setup.data().test().tokens(), l.maxLength(),
                    l.positionSequences(), cfg.model().seqLen());
        };
        out.put("suite", suite.key());
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
                case NIAH -> LongContextPlots.grid(run, out, plot);
                case MULTI_NEEDLE -> LongContextPlots.multi(run, out, plot);
                case NLL_POSITION -> LongContextPlots.position(run, out, plot);
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
