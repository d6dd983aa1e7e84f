package io.jemini.eval.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.contrastive.data.PngImages;
import io.jemini.contrastive.data.Split;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.random.Rng;
import io.jemini.engine.task.EvalSuite;
import io.jemini.engine.task.ReportSection;
import io.jemini.engine.task.Task;
import io.jemini.engine.training.MemoryEstimate;
import io.jemini.engine.training.RunDirectory;
import io.jemini.engine.training.Throughput;
import io.jemini.engine.training.Validation;
import io.jemini.eval.longcontext.LongContextPlots;
import io.jemini.eval.report.ModalityLoadReport;
import io.jemini.eval.report.StoredEvaluations;
import io.jemini.lm.training.LmMemory;
import io.jemini.multimodal.data.FolderDocuments;
import io.jemini.multimodal.data.QuestionType;
import io.jemini.multimodal.eval.FrameNeedles;
import io.jemini.multimodal.eval.Generation;
import io.jemini.multimodal.eval.QuestionAnswering;
import io.jemini.multimodal.training.MultimodalConfig;
import io.jemini.multimodal.training.MultimodalObjective;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Gemini-style multimodal modelling ({@code "task": "multimodal"}): images as runs of patch
 * positions interleaved with text in one decoder (dense or MoE), trained on captions and visual
 * questions, evaluated by held-out text loss and question-answering accuracy per type on seen and
 * held-out attribute combinations.
 */
public final class MultimodalTask implements Task<MultimodalConfig, MultimodalObjective> {
    /** At least the vocabulary of generated scene documents (47 words and markers with shapes, a few more with Fashion-MNIST). */
    private static final int SCENE_VOCABULARY = 64;

    @Override
    public String name() {
        return "multimodal";
    }

    @Override
    public Class<MultimodalConfig> configType() {
        return MultimodalConfig.class;
    }

    @Override
    public MultimodalConfig defaults() {
        return MultimodalConfig.defaults();
    }

    @Override
    public MemoryEstimate memory(MultimodalConfig c) {
        int vocabulary = c.data().source() == MultimodalConfig.Source.FOLDER
                ? Math.max(SCENE_VOCABULARY, FolderDocuments.vocabularySize(Path.of(c.data().folder()))) : SCENE_VOCABULARY;
        return LmMemory.of(c.model(), c.moe(), vocabulary, c.train().batchSize(), "the vocabulary");
    }

    @Override
    public Throughput throughput(MultimodalConfig c) {
        return new Throughput("positions", "pos", (long) c.train().batchSize() * c.model().seqLen());
    }

    @Override
    public MultimodalObjective build(MultimodalConfig config, RunDirectory run) {
        return MultimodalObjective.of(config);
    }

    /** Held-out text loss (seen and held-out combinations), then question answering with chance levels. */
    @Override
    public ObjectNode results(MultimodalObjective model, Validation lastValidation) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("val_loss", lastValidation != null ? (Double) lastValidation.metrics().get("val_loss")
                : model.heldOutLoss(Split.TRAIN, 1));
        r.put("test_loss_seen", model.heldOutLoss(Split.TRAIN, 2));
        r.put("test_loss_held_out", model.heldOutLoss(Split.HELD_OUT, 3));
        QuestionAnswering.measure(model).forEach(r::put);
        return r;
    }

    @Override
    public String summary(JsonNode results) {
        return String.format(Locale.ROOT, "validation loss %.4f; %s%.0f positions/s", results.path("val_loss").asDouble(),
                results.has("qa_seen") ? String.format(Locale.ROOT, "question answering %.3f seen, %.3f held-out; ",
                        results.path("qa_seen").asDouble(), results.path("qa_held_out").asDouble()) : "",
                results.path("positions_per_s").asDouble());
    }

    @Override
    public List<String> summaryKeys() {
        return List.of("val_loss", "test_loss_held_out", "qa_seen", "qa_held_out", "qa_count_seen", "qa_left_seen",
                "positions_per_s");
    }

    @Override
    public List<EvalSuite<MultimodalObjective>> suites() {
        return List.of(new QuestionSuite(), new FrameNeedleSuite(FrameNeedles.Needle.FRAME),
                new FrameNeedleSuite(FrameNeedles.Needle.TEXT));
    }

    /** Question answering per type and split ({@code --suite qa}). */
    private static final class QuestionSuite implements EvalSuite<MultimodalObjective> {
        @Override
        public String key() {
            return "qa";
        }

        @Override
        public ObjectNode evaluate(MultimodalObjective model, List<String> overrides) {
            ObjectNode r = JsonNodeFactory.instance.objectNode();
            QuestionAnswering.measure(model).forEach(r::put);
            return r;
        }

        @Override
        public String summary(JsonNode figures) {
            return table(figures);
        }
    }

    /**
     * The cross-modal needle in a haystack ({@code --suite needle-frames}): scene frames with one
     * showing a seven-segment code, then a question about the code; recall over frames × depth. The
     * reverse ({@code --suite needle-text}): the code in words among captioned frames.
     */
    private static final class FrameNeedleSuite implements EvalSuite<MultimodalObjective> {
        private final FrameNeedles.Needle needle;

        FrameNeedleSuite(FrameNeedles.Needle needle) {
            this.needle = needle;
        }

        @Override
        public String key() {
            return needle == FrameNeedles.Needle.FRAME ? "needle-frames" : "needle-text";
        }

        @Override
        public ObjectNode evaluate(MultimodalObjective model, List<String> overrides) {
            return FrameNeedles.grid(model, needle);
        }

        @Override
        public String summary(JsonNode figures) {
            return String.format(Locale.ROOT, "code recall %.3f over %d haystack sizes (up to %s frames) × %d depths; digits "
                    + "in place %.3f; chance %.4f", figures.path("recall").asDouble(), figures.path("lengths").size(),
                    figures.path("lengths").get(figures.path("lengths").size() - 1), figures.path("depths").size(),
                    figures.path("digit_accuracy").asDouble(), figures.path("chance").asDouble());
        }

        @Override
        public void draw(RunDirectory run, JsonNode figures, String stem) {
            LongContextPlots.grid(run, figures, stem + ".png");
        }
    }

    /** Accuracy per question type on seen and held-out combinations, beside chance. */
    static String table(JsonNode r) {
        StringBuilder md = new StringBuilder("| question | seen | held-out | chance |\n|---|---|---|---|\n");
        for (QuestionType type : QuestionType.values()) {
            if (!r.has("qa_" + type.key() + "_" + Split.TRAIN.tag())) {
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f |%n", type.key(),
                    r.path("qa_" + type.key() + "_" + Split.TRAIN.tag()).asDouble(),
                    r.path("qa_" + type.key() + "_" + Split.HELD_OUT.tag()).asDouble(), r.path("chance_" + type.key()).asDouble()));
        }
        md.append(String.format(Locale.ROOT, "| mean | %.3f | %.3f | |%n", r.path("qa_seen").asDouble(),
                r.path("qa_held_out").asDouble()));
        return md.toString();
    }

    /** Reads each image as the model's scenes are: {@code size}×{@code size} RGB. */
    @Override
    public String generate(MultimodalObjective model, String prompt, List<Path> images, int tokens, double temperature,
                           int topK, Rng rng) {
        int size = model.documents().imageSize();
        List<float[]> pixels = images.stream().map(f -> PngImages.rgb(PngImages.load(f, "--image"), f, "--image", size,
                "(the size of the scenes this model was trained on)")).toList();
        return Generation.generate(model, prompt, pixels, tokens, temperature, topK, rng);
    }

    @Override
    public List<ReportSection> reportSections() {
        return List.of((run, metrics, results) -> results == null || !results.has("qa_seen") ? ""
                : "## Question answering\n\nExact match of the greedy one-word answer, on scenes of seen colour–category "
                        + "combinations and on scenes holding a held-out one (the question asks about it).\n\n"
                        + table(results) + "\n", MultimodalTask::frameNeedles, ModalityLoadReport::section);
    }

    /** The stored needle grids, frames first, untagged first. */
    private static String frameNeedles(RunDirectory run, List<JsonNode> metrics, JsonNode results) {
        StringBuilder md = new StringBuilder();
        for (FrameNeedles.Needle needle : FrameNeedles.Needle.values()) {
            md.append(needleSections(run, new FrameNeedleSuite(needle), needle == FrameNeedles.Needle.FRAME
                    ? "Needle frame in a haystack" : "Text needle among captioned frames"));
        }
        return md.toString();
    }

    private static String needleSections(RunDirectory run, FrameNeedleSuite suite, String title) {
        StringBuilder md = new StringBuilder();
        for (Path file : StoredEvaluations.of(run, suite.key())) {
            JsonNode r = ConfigReader.readTree(file);
            String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
            md.append("## ").append(title).append(r.has("tag") ? " (" + r.get("tag").asText() + ")" : "")
                    .append("\n\n").append(suite.summary(r)).append(" (step ").append(r.path("step").asLong())
                    .append(").\n\n");
            if (Files.exists(run.plots().resolve(stem + ".png"))) {
                md.append("![").append(stem).append("](plots/").append(stem).append(".png)\n\n");
            }
        }
        return md.toString();
    }
}
