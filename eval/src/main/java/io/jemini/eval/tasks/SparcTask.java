package io.jemini.eval.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.contrastive.training.SparcObjective;
import io.jemini.contrastive.training.SparcRunConfig;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.task.EvalSuite;
import io.jemini.engine.task.ReportSection;
import io.jemini.engine.task.Task;
import io.jemini.engine.training.MemoryEstimate;
import io.jemini.engine.training.RunDirectory;
import io.jemini.engine.training.Throughput;
import io.jemini.engine.training.Validation;
import io.jemini.eval.report.AlignmentMaps;
import io.jemini.eval.report.Figures;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

/**
 * Fine-grained image–text alignment ({@code "task": "sparc"}): a dual encoder trained with SPARC
 * or CLIP on generated or user-supplied image–caption pairs, evaluated by zero-shot
 * classification, binding, retrieval and localisation, with token→patch alignment maps.
 */
public final class SparcTask implements Task<SparcRunConfig, SparcObjective> {
    @Override
    public String name() {
        return "sparc";
    }

    @Override
    public Class<SparcRunConfig> configType() {
        return SparcRunConfig.class;
    }

    @Override
    public SparcRunConfig defaults() {
        return SparcRunConfig.defaults();
    }

    @Override
    public MemoryEstimate memory(SparcRunConfig config) {
        return config.memory();
    }

    @Override
    public Throughput throughput(SparcRunConfig config) {
        return new Throughput("pairs", "pairs", config.train().batchSize());
    }

    /** The model and pairs; a new run also records its caption vocabulary in {@code tokenizer.json}. */
    @Override
    public SparcObjective build(SparcRunConfig config, RunDirectory run) {
        SparcObjective model = SparcObjective.of(config);
        if (run != null && !Files.exists(run.tokenizer())) {
            ObjectNode vocabulary = JsonNodeFactory.instance.objectNode().put("kind", "words").put("pad_id", 0)
                    .put("split", "whitespace").put("max_caption", config.data().maxCaption());
            model.tokenizer().words().forEach(vocabulary.putArray("words")::add);
            run.write(run.tokenizer(), ConfigReader.toJson(vocabulary));
        }
        return model;
    }

    /** The objective trained and the evaluation suite's figures (null where the data does not allow one). */
    @Override
    public ObjectNode results(SparcObjective model, Validation lastValidation) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("objective", model.objectiveName());
        model.evaluateSuite().forEach((k, v) -> {
            if (Double.isNaN(v)) {
                r.putNull(k);
            } else {
                r.put(k, v);
            }
        });
        return r;
    }

    @Override
    public void afterTraining(RunDirectory run, SparcObjective model) {
        if (Figures.available()) {
            AlignmentMaps.write(run, model, 4);
        }
    }

    @Override
    public String summary(JsonNode results) {
        return "zero-shot " + figure(results, "zero_shot_seen") + " (held-out " + figure(results, "zero_shot_held_out")
                + "), pointing " + figure(results, "pointing_seen") + ", mIoU " + figure(results, "segmentation_miou_seen");
    }

    /** A result to three decimals, or "not computed" when the run's data does not allow it (null or absent). */
    private static String figure(JsonNode results, String key) {
        JsonNode v = results.get(key);
        return v == null || !v.isNumber() ? "not computed" : String.format(Locale.ROOT, "%.3f", v.asDouble());
    }

    @Override
    public List<String> summaryKeys() {
        return List.of("zero_shot_seen", "zero_shot_held_out", "binding_seen", "binding_held_out", "i2t_r1_seen",
                "t2i_r1_seen", "pointing_seen", "pointing_chance_seen", "grouping_precision_seen", "segmentation_miou_seen",
                "segmentation_miou_held_out", "segmentation_miou_background_seen", "segmentation_miou_adapter_seen",
                "pointing_least_similar_seen", "pointing_largest_magnitude_seen", "similarity_item_seen",
                "similarity_background_seen", "weight_background_seen", "shared_direction_seen");
    }

    @Override
    public List<EvalSuite<SparcObjective>> suites() {
        return List.of(new EvalSuite<>() {
            @Override
            public String key() {
                return "sparc";
            }

            @Override
            public ObjectNode evaluate(SparcObjective model, List<String> overrides) {
                return results(model, null);
            }

            @Override
            public String summary(JsonNode figures) {
                StringBuilder out = new StringBuilder();
                figures.fields().forEachRemaining(e -> out.append(String.format(Locale.ROOT, "%-34s %s%n", e.getKey(),
                        e.getValue().isFloatingPointNumber() ? String.format(Locale.ROOT, "%.4f", e.getValue().asDouble())
                                : e.getValue().asText())));
                return out.toString().stripTrailing();
            }
        });
    }

    @Override
    public List<ReportSection> reportSections() {
        return List.of(AlignmentMaps::section);
    }
}
