package io.jemini.eval.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.contrastive.training.SparcRunConfig;
import io.jemini.contrastive.training.SparcTrainer;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.device.DeviceScope;
import io.jemini.engine.io.ParameterIO;
import io.jemini.engine.training.Progress;
import io.jemini.engine.training.RunDirectory;
import io.jemini.eval.report.AlignmentMaps;
import io.jemini.eval.report.Figures;
import io.jemini.eval.report.ReportWriter;
import java.util.List;

/** Starts, resumes and evaluates image–text alignment runs. */
public final class SparcRuns {
    /** The results shown per run in a sweep summary. */
    public static final List<String> SUMMARY = List.of("zero_shot_seen", "zero_shot_held_out", "binding_seen",
            "binding_held_out", "i2t_r1_seen", "t2i_r1_seen", "pointing_seen", "pointing_chance_seen", "grouping_precision_seen",
            "segmentation_miou_seen", "segmentation_miou_held_out", "segmentation_miou_background_seen",
            "segmentation_miou_adapter_seen", "pointing_least_similar_seen", "pointing_largest_magnitude_seen",
            "similarity_item_seen", "similarity_background_seen", "weight_background_seen", "shared_direction_seen");

    private SparcRuns() {
    }

    /** As {@link Runs#train}, for an image–text run. */
    public static void train(RunDirectory run, SparcRunConfig config, boolean resume, boolean acceptChange, Progress progress) {
        Runs.locked(run, config, SparcRunConfig.defaults(), resume, acceptChange, c -> c.withEnvironment(Runs.environment()),
                resolved -> trainLocked(run, resolved, resume, progress));
    }

    private static void trainLocked(RunDirectory run, SparcRunConfig resolved, boolean resume, Progress progress) {
        try (DeviceScope backend = DeviceScope.open(resolved.runtime(), resolved.memory().bytes())) {
            SparcTrainer.Setup setup = SparcTrainer.Setup.of(resolved);
            ObjectNode vocabulary = new ObjectMapper().createObjectNode().put("kind", "words").put("pad_id", 0)
                    .put("split", "whitespace").put("max_caption", resolved.data().maxCaption());
            setup.tokenizer().words().forEach(vocabulary.putArray("words")::add);
            run.write(run.tokenizer(), ConfigReader.toJson(vocabulary));
            progress.line(String.format(java.util.Locale.ROOT, "%s; dual encoder with %,d parameters; heap limit %d MiB; %s; "
                    + "backend %s", setup.data().train().description(), setup.model().parameterCount(),
                    Runtime.getRuntime().maxMemory() / (1 << 20), resolved.loss().lambdaF() == 0 ? "CLIP"
                            : "SPARC (" + resolved.loss().weights().key() + ")", backend.describe()));
            ObjectNode results = SparcTrainer.run(run, setup, resume, progress);
            Runs.recordBackend(results, backend);
            run.write(run.results(), ConfigReader.toJson(results));
            if (Figures.available()) {
                AlignmentMaps.write(run, setup, 4);
            }
            ReportWriter.write(run);
            progress.line("zero-shot " + figure(results, "zero_shot_seen") + " (held-out " + figure(results, "zero_shot_held_out")
                    + "), pointing " + figure(results, "pointing_seen") + ", mIoU " + figure(results, "segmentation_miou_seen")
                    + "; report: " + run.report());
        }
    }

    /** A result to three decimals, or "not computed" when the run's data does not allow it (null or absent). */
    private static String figure(ObjectNode results, String key) {
        JsonNode v = results.get(key);
        return v == null || !v.isNumber() ? "not computed" : String.format(java.util.Locale.ROOT, "%.3f", v.asDouble());
    }

    public static SparcRunConfig config(RunDirectory run) {
        return ConfigReader.parseResolved(run.config().toString(), ConfigReader.readTree(run.config()), SparcRunConfig.class,
                SparcRunConfig.defaults());
    }

    /** The evaluation suite on a located checkpoint of a SPARC run. */
    public static ObjectNode evaluate(Runs.Located located) {
        SparcTrainer.Setup setup = SparcTrainer.Setup.of(config(located.run()));
        ParameterIO.load(setup.model().parameters(), located.checkpoint().model());
        return SparcTrainer.results(setup, Double.NaN);
    }
}
