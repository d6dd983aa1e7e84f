package io.jemini.eval.longcontext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.engine.config.UsageException;
import io.jemini.engine.task.EvalSuite;
import io.jemini.engine.training.RunDirectory;
import io.jemini.lm.eval.Haystack;
import io.jemini.lm.eval.NeedleSuite;
import io.jemini.lm.eval.PositionLoss;
import io.jemini.lm.ruler.RulerGenerator;
import io.jemini.lm.ruler.RulerSuite;
import io.jemini.lm.training.LmObjective;
import io.jemini.lm.training.LmRunConfig;
import java.util.List;
import java.util.Locale;

/**
 * The long-context suites ({@code niah}, {@code multi-needle}, {@code nll-position}) of a trained
 * text model: their figures (stored by {@code jemini eval} as {@code eval/<suite>[-<tag>].json}),
 * their plots ({@code plots/<suite>[-<tag>].png}) and the sentences the report and the terminal
 * show.
 */
public final class LongContextSuites {
    /** The suites, by their {@code --suite} name and report heading. */
    public enum Suite implements EvalSuite<LmObjective> {
        NIAH("niah", "Needle in a haystack"), MULTI_NEEDLE("multi-needle", "Multiple needles"),
        NLL_POSITION("nll-position", "Loss versus position"), RULER("ruler", "RULER-style tasks");

        private final String key;
        private final String title;

        Suite(String key, String title) {
            this.key = key;
            this.title = title;
        }

        @Override
        public String key() {
            return key;
        }

        /** Its section heading in the report. */
        public String title() {
            return title;
        }

        @Override
        public ObjectNode evaluate(LmObjective model, List<String> overrides) {
            return LongContextSuites.evaluate(this, model);
        }

        @Override
        public String summary(JsonNode figures) {
            return LongContextSuites.summary(figures);
        }

        @Override
        public void draw(RunDirectory run, JsonNode figures, String stem) {
            String plot = stem + ".png";
            switch (this) {
                case NIAH -> LongContextPlots.grid(run, figures, plot);
                case MULTI_NEEDLE -> LongContextPlots.multi(run, figures, plot);
                case NLL_POSITION -> LongContextPlots.position(run, figures, plot);
                case RULER -> LongContextPlots.ruler(run, figures, plot);
            }
        }
    }

    private LongContextSuites() {
    }

    /** A suite's figures on a trained text model, with the RoPE scaling and trained length they were measured under. */
    static ObjectNode evaluate(Suite suite, LmObjective setup) {
        LmRunConfig cfg = setup.config();
        if (setup.data().tokenizer() == null) {
            throw new UsageException("suite " + suite.key() + " needs a text model (data.source brown or text); it was "
                    + "trained on " + cfg.data().source().key());
        }
        LmRunConfig.LongContext l = cfg.longContext();
        long seed = cfg.seed() ^ suite.key().hashCode();
        ObjectNode out = switch (suite) {
            case NIAH -> NeedleSuite.grid(setup.model(), haystack(setup), l, seed);
            case MULTI_NEEDLE -> NeedleSuite.multi(setup.model(), haystack(setup), l, seed);
            case NLL_POSITION -> PositionLoss.measure(setup.model(), setup.data().test().tokens(), l.maxLength(),
                    l.positionSequences(), cfg.model().seqLen());
            case RULER -> RulerSuite.evaluate(setup.model(), new RulerGenerator(setup.data().tokenizer()),
                    setup.data().test().tokens(), NeedleSuite.lengths(l), l.rulerSamples(), cfg.model().context(), seed);
        };
        out.put("rope_scaling", cfg.model().ropeScaling().key() + (cfg.model().ropeFactor() > 1 ? " ×" + cfg.model().ropeFactor() : ""));
        out.put("trained_length", cfg.model().seqLen());
        return out;
    }

    private static Haystack haystack(LmObjective setup) {
        return new Haystack(setup.data().test().tokens(), setup.data().tokenizer());
    }

    /** The headline of a suite's results, one sentence per figure (the command line prints it, the report shows it). */
    public static String summary(JsonNode r) {
        if (r.has("tasks")) {
            return rulerTable(r);
        }
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

    /**
     * The RULER-style tables: exact-match accuracy per task (rows) and length (columns), the trained
     * length marked, "–" where a length cannot hold the task, the mean over the tasks that fit; then
     * the characters in place, partial credit that shows retrieval begun but not finished.
     */
    static String rulerTable(JsonNode r) {
        int trained = r.path("trained_length").asInt();
        StringBuilder head = new StringBuilder("| task | family |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (JsonNode length : r.get("lengths")) {
            head.append(' ').append(length.asInt()).append(length.asInt() == trained ? " (trained)" : "").append(" |");
            rule.append("---|");
        }
        String table = head + "\n" + rule + "\n";
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "Exact match (every reference in the greedy answer) "
                + "over %d instances per cell; trained length %d tokens.%n%n", r.path("samples").asInt(), trained))
                .append(table).append(rows(r, "accuracy"));
        md.append("| mean | |");
        r.path("mean_accuracy").forEach(v -> md.append(v.isNull() ? " – |" : String.format(Locale.ROOT, " %.3f |",
                v.asDouble())));
        md.append('\n');
        if (r.has("chars_in_place")) {
            md.append("\nCharacters in place (each answer item against its reference, position by position; random "
                    + "digits score about 0.1):\n\n").append(table).append(rows(r, "chars_in_place"));
        }
        return md.toString();
    }

    /** One row per task of the figures under {@code field}. */
    private static String rows(JsonNode r, String field) {
        StringBuilder md = new StringBuilder();
        for (int t = 0; t < r.get("tasks").size(); t++) {
            String task = r.get("tasks").get(t).asText();
            md.append("| ").append(task).append(" | ").append(r.get("families").get(t).asText()).append(" |");
            r.path(field).path(task).forEach(v -> md.append(v.isNull() ? " – |" : String.format(Locale.ROOT, " %.2f |",
                    v.asDouble())));
            md.append('\n');
        }
        return md.toString();
    }
}
