package io.jemini.multimodal.training;

import io.jemini.contrastive.data.FashionScenes;
import io.jemini.contrastive.data.ShapeScenes;
import io.jemini.engine.config.Checks;
import io.jemini.engine.config.ConfigChoice;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.config.RuntimeSection;
import io.jemini.engine.task.TaskConfig;
import io.jemini.engine.training.RunEnvironment;
import io.jemini.engine.training.TrainSection;
import io.jemini.experts.routing.MoeConfig;
import io.jemini.lm.training.LmRunConfig;

/**
 * The config of a multimodal run ({@code "task": "multimodal"}): the documents, the vision input,
 * the decoder ({@code model} and {@code moe} exactly as for a language model), training and
 * evaluation sizes. Every key is optional and defaults to {@link #defaults()}.
 */
public record MultimodalConfig(String task, String name, long seed, Data data, Vision vision, LmRunConfig.Model model,
                               MoeConfig moe, TrainSection train, Eval eval, RuntimeSection runtime,
                               RunEnvironment environment) implements TaskConfig<MultimodalConfig> {
    private static final MultimodalConfig DEFAULTS = ConfigReader.defaults(MultimodalConfig.class, "multimodal-defaults.json");

    /**
     * {@code source} {@code folder}: the user's documents in {@code folder}
     * ({@link io.jemini.multimodal.data.FolderDocuments}); {@code shapes}: generated shape scenes, and
     * {@code fashion}: Fashion-MNIST scenes (the IDX files in {@code dir}/fashion-mnist), each with up to
     * {@code maxObjects} named objects and a distractor at {@code distractorRate}; {@code captionShare} of the documents
     * are captions, the rest visual questions; {@code needleRate} of them are frame haystacks
     * instead (1 to {@code needleFrames} frames, one showing a {@code codeDigits}-digit code);
     * {@code galleryRate} of them are galleries of three pictures with text referring to one by its order;
     * {@code textNeedleRate} of them text haystacks (captioned frames with the code stated in words).
     */
    public record Data(Source source, String dir, String folder, int maxObjects, double distractorRate, double captionShare,
                       double needleRate, int needleFrames, int codeDigits, double galleryRate, double textNeedleRate) {
    }

    /** Where documents come from ({@code data.source}): generated scenes, or a user's {@code data.folder}. */
    public enum Source implements ConfigChoice {
        SHAPES, FASHION, FOLDER;

        /** The side of a generated scene in pixels; 0 for a folder, whose images say it. */
        public int sceneSize() {
            return switch (this) {
                case SHAPES -> ShapeScenes.SIZE;
                case FASHION -> FashionScenes.SIZE;
                case FOLDER -> 0;
            };
        }

        /** The most named objects a scene can hold. */
        int maxObjects() {
            return this == FASHION ? 4 : 3;
        }
    }

    /**
     * Images are cut into {@code patch}-pixel squares, each one position of the sequence. Its
     * {@code encoder}: {@code patch} projects a patch's pixels to the model width; {@code vit}
     * first runs the image–text task's vision transformer ({@code width}, {@code layers},
     * {@code heads}, {@code hidden}), which {@code initFrom} (a SPARC or CLIP run directory or
     * checkpoint) can start from.
     */
    public record Vision(int patch, Encoder encoder, int width, int layers, int heads, int hidden, String initFrom) {
    }

    /** How patches are read ({@code vision.encoder}). */
    public enum Encoder implements ConfigChoice {
        PATCH, VIT
    }

    /**
     * {@code batches} batches of held-out documents for the validation loss; {@code questions} of
     * each type and split for question answering; the frame-needle grid: {@code lengths} haystack
     * sizes log-spaced from 1 to {@code frames} frames, {@code depths} needle depths from first to
     * last, {@code haystacks} per cell.
     */
    public record Eval(int batches, int questions, int frames, int lengths, int depths, int haystacks) {
    }

    /** Positions a generated scene takes: its patches and two markers. */
    public int imagePositions() {
        int grid = data.source().sceneSize() / vision.patch();
        return 2 + grid * grid;
    }

    /** The most positions a text haystack of {@code frames} captioned frames can take (captions of up to 11 words). */
    public int textHaystackPositions(int frames) {
        return frames * (imagePositions() + 11) + 3 + data.codeDigits() + 4 + data.codeDigits() + 1;
    }

    /** Positions of a haystack of {@code frames} frames with its question and code. */
    public int haystackPositions(int frames) {
        return frames * imagePositions() + 5 + data.codeDigits() + 1;
    }

    private static String divisors(int size) {
        return java.util.stream.IntStream.rangeClosed(1, size).filter(d -> size % d == 0).mapToObj(Integer::toString)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    public static MultimodalConfig defaults() {
        return DEFAULTS;
    }

    @Override
    public MultimodalConfig withEnvironment(RunEnvironment env) {
        return new MultimodalConfig(task, name, seed, data, vision, model, moe, train, eval, runtime, env);
    }

    @Override
    public void check(Checks c) {
        c.oneOf("task", task, "multimodal");
        c.runName("name", name);
        c.require(data.maxObjects() >= 1 && data.maxObjects() <= data.source().maxObjects(), "data.max_objects",
                data.maxObjects(), "must be 1 to " + data.source().maxObjects() + " for data.source "
                        + data.source().name().toLowerCase(java.util.Locale.ROOT));
        c.require(data.distractorRate() >= 0 && data.distractorRate() <= 1, "data.distractor_rate", data.distractorRate(),
                "must be in [0, 1]");
        c.require(data.captionShare() >= 0 && data.captionShare() < 1, "data.caption_share", data.captionShare(),
                "must be in [0, 1): some documents must be questions");
        int size = data.source().sceneSize();
        boolean scenes = size > 0;
        c.require(scenes || (data.folder() != null && !data.folder().isBlank()), "data.folder", data.folder(),
                "must name the folder of documents.jsonl and its images when data.source is folder");
        c.require(vision.patch() > 0 && (!scenes || size % vision.patch() == 0), "vision.patch", vision.patch(),
                scenes ? "must divide the " + size + "-pixel scenes: " + divisors(size) : "must be positive");
        if (vision.encoder() == Encoder.VIT) {
            c.atLeast("vision.width", vision.width(), 2);
            c.atLeast("vision.layers", vision.layers(), 1);
            c.require(vision.heads() > 0 && vision.width() % vision.heads() == 0, "vision.heads", vision.heads(),
                    "must divide vision.width");
            c.atLeast("vision.hidden", vision.hidden(), 1);
        }
        c.require(vision.initFrom() == null || vision.initFrom().isBlank() || vision.encoder() == Encoder.VIT,
                "vision.init_from", vision.initFrom(), "needs vision.encoder vit (a SPARC or CLIP run's tower)");
        model.check(c);
        int image = scenes && vision.patch() > 0 && size % vision.patch() == 0 ? imagePositions() : 0;
        c.require(image == 0 || model.seqLen() >= image + 24, "model.seq_len", model.seqLen(), "must hold one image (" + image
                + " positions with its markers) and its longest text (24 words): at least " + (image + 24));
        c.require(data.needleRate() >= 0 && data.needleRate() <= 1, "data.needle_rate", data.needleRate(), "must be in [0, 1]");
        c.atLeast("data.needle_frames", data.needleFrames(), 1);
        c.require(data.galleryRate() >= 0 && data.needleRate() + data.galleryRate() <= 1, "data.gallery_rate",
                data.galleryRate(), "must be >= 0, with data.needle_rate at most 1 in all");
        c.require(data.textNeedleRate() >= 0 && data.textNeedleRate() <= 1, "data.text_needle_rate", data.textNeedleRate(),
                "must be in [0, 1]");
        if (image > 0 && data.textNeedleRate() > 0) {
            c.require(model.seqLen() >= textHaystackPositions(data.needleFrames()), "model.seq_len", model.seqLen(),
                    "must hold a text haystack of data.needle_frames = " + data.needleFrames() + " captioned frames: at "
                            + "least " + textHaystackPositions(data.needleFrames()));
        }
        if (image > 0 && data.galleryRate() > 0) {
            c.require(model.seqLen() >= 3 * (image + 3) + 9, "model.seq_len", model.seqLen(), "must hold a gallery of three "
                    + "pictures with their text: at least " + (3 * (image + 3) + 9));
        }
        c.require(data.codeDigits() >= 1 && data.codeDigits() <= 4, "data.code_digits", data.codeDigits(),
                "must be 1 to 4 (digits across a frame of at least 32 pixels)");
        if (image > 0 && data.needleRate() > 0) {
            c.require(model.seqLen() >= haystackPositions(data.needleFrames()), "model.seq_len", model.seqLen(),
                    "must hold a haystack of data.needle_frames = " + data.needleFrames() + " frames: at least "
                            + haystackPositions(data.needleFrames()));
        }
        if (image > 0) {
            c.require(haystackPositions(eval.frames()) <= model.context(), "eval.frames", eval.frames(),
                    "a haystack of that many frames takes " + haystackPositions(eval.frames()) + " positions, more "
                            + "than model.context (" + model.context() + ")");
        }
        moe.check(c, "moe.");
        train.check(c, 1);
        c.atLeast("eval.batches", eval.batches(), 1);
        c.atLeast("eval.questions", eval.questions(), 1);
        c.atLeast("eval.frames", eval.frames(), 1);
        c.atLeast("eval.lengths", eval.lengths(), 1);
        c.atLeast("eval.depths", eval.depths(), 1);
        c.atLeast("eval.haystacks", eval.haystacks(), 1);
        runtime.check(c);
    }
}
