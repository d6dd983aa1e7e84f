package io.jemini.multimodal.training;

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
     * {@code source} {@code shapes}: generated shape scenes with up to {@code maxObjects} named
     * objects and a distractor at {@code distractorRate}; {@code captionShare} of the documents
     * are captions, the rest visual questions.
     */
    public record Data(Source source, int maxObjects, double distractorRate, double captionShare) {
    }

    /** Where documents come from ({@code data.source}). */
    public enum Source implements ConfigChoice {
        SHAPES
    }

    /** Images are cut into {@code patch}-pixel squares, each one position of the sequence. */
    public record Vision(int patch) {
    }

    /**
     * {@code batches} batches of held-out documents for the validation loss; {@code questions} of
     * each type and split for question answering.
     */
    public record Eval(int batches, int questions) {
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
        c.require(data.maxObjects() >= 1 && data.maxObjects() <= 3, "data.max_objects", data.maxObjects(), "must be 1 to 3");
        c.require(data.distractorRate() >= 0 && data.distractorRate() <= 1, "data.distractor_rate", data.distractorRate(),
                "must be in [0, 1]");
        c.require(data.captionShare() >= 0 && data.captionShare() < 1, "data.caption_share", data.captionShare(),
                "must be in [0, 1): some documents must be questions");
        c.require(vision.patch() > 0 && 32 % vision.patch() == 0, "vision.patch", vision.patch(),
                "must divide the 32-pixel scenes: 1, 2, 4, 8, 16 or 32");
        model.check(c);
        int image = vision.patch() > 0 && 32 % vision.patch() == 0 ? 2 + (32 / vision.patch()) * (32 / vision.patch()) : 0;
        c.require(model.seqLen() >= image + 24, "model.seq_len", model.seqLen(), "must hold one image (" + image
                + " positions with its markers) and its longest text (24 words): at least " + (image + 24));
        moe.check(c, "moe.");
        train.check(c, 1);
        c.atLeast("eval.batches", eval.batches(), 1);
        c.atLeast("eval.questions", eval.questions(), 1);
        runtime.check(c);
    }
}
