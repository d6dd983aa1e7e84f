package io.jemini.contrastive.training;

import io.jemini.contrastive.data.FashionScenes;
import io.jemini.contrastive.data.ShapeScenes;
import io.jemini.contrastive.losses.ContrastiveLosses.Averaging;
import io.jemini.engine.config.Checks;
import io.jemini.engine.config.ConfigChoice;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.config.RuntimeSection;
import io.jemini.engine.task.TaskConfig;
import io.jemini.engine.training.MemoryEstimate;
import io.jemini.engine.training.RunEnvironment;
import io.jemini.engine.training.TrainSection;
import java.util.List;

/**
 * The config of an image–text alignment run ({@code "task": "sparc"}): the pairs, the two towers, the objective (CLIP is {@code lambda_f = 0}), training and evaluation sizes.
 */
public record SparcRunConfig(String task, String name, long seed, Data data, Model model, Loss loss, TrainSection train, Eval eval,
                             RuntimeSection runtime, RunEnvironment environment) implements TaskConfig<SparcRunConfig> {
    private static final SparcRunConfig DEFAULTS = ConfigReader.defaults(SparcRunConfig.class, "sparc-defaults.json");

    /**
     * {@code source}: {@code shapes} (generated), {@code fashion} (Fashion-MNIST scenes; the IDX files
     * in {@code dir}/fashion-mnist) or {@code folder} (a user's pairs in {@code folder}); up to
     * {@code maxObjects} mentioned objects, distractors, captions of at most {@code maxCaption} words.
     */
    public record Data(Source source, String dir, String folder, int maxObjects, double distractorRate, int maxCaption) {
    }

    /** Where the image–caption pairs come from ({@code data.source}). */
    public enum Source implements ConfigChoice {
        SHAPES, FASHION, FOLDER
    }

    public record Model(int width, int layers, int heads, int hidden, int shared, int patch) {
    }

    /**
     * {@code lambdaG · L_g + lambdaF · L_f}; {@code weights}: {@code sparse} (SPARC, threshold
     * {@code sigma} on the min–max normalised similarity, -1 for the paper's 1/P), {@code dense} (no
     * sparsity, threshold 0) or {@code softmax} (softmax over patches of the raw similarity);
     * {@code averaging}: {@code per_sample} (eq. 6) or {@code per_token} (pseudo-code). Ablations
     * of the alignment weights (the paper's choice first): {@code centre} subtracts the batch's mean
     * token embedding before the token–patch similarity; {@code similarity} {@code dot} or
     * {@code cosine} (tokens and patches L2-normalised before the similarity and the grouping);
     * {@code tokens} {@code all} or {@code content} (the fine-grained loss only over the words that
     * name an object).
     */
    public record Loss(double lambdaG, double lambdaF, Weights weights, Averaging averaging, double sigma, boolean centre,
                       Similarity similarity, Tokens tokens) {
        /** The paper's objective with these weights (the ablation switches at their defaults). */
        public static Loss of(double lambdaG, double lambdaF, Weights weights, Averaging averaging) {
            return new Loss(lambdaG, lambdaF, weights, averaging, -1, false, Similarity.DOT, Tokens.ALL);
        }
    }

    /** How a token's alignment weights over the patches are made ({@link Loss}). */
    public enum Weights implements ConfigChoice {
        SPARSE, DENSE, SOFTMAX
    }

    /** The similarity behind the alignment weights ({@link Loss}). */
    public enum Similarity implements ConfigChoice {
        DOT, COSINE
    }

    /** Which caption tokens the fine-grained loss covers ({@link Loss}). */
    public enum Tokens implements ConfigChoice {
        ALL, CONTENT
    }

    /** Test pairs per split (seen combinations and held-out ones), for the evaluation suite and the validation loss. */
    public record Eval(int pairs) {
    }

    /** Every key's default, by name, in {@code sparc-defaults.json} beside this class. */
    public static SparcRunConfig defaults() {
        return DEFAULTS;
    }

    /**
     * The heap this run needs, roughly: both towers, adapters and head, and one step's activations
     * (a folder's images are assumed to be 64 pixels across, their size being unknown until read;
     * the caption vocabulary is taken as 100 words).
     */
    public MemoryEstimate memory() {
        double w = model.width();
        int size = switch (data.source()) {
            case SHAPES -> ShapeScenes.SIZE;
            case FASHION -> FashionScenes.SIZE;
            case FOLDER -> 64;
        };
        double patches = Math.pow(Math.max(1, size / Math.max(1, model.patch())), 2);
        double captions = data.maxCaption() + 1;
        double block = 4 * w * w + 2 * w * model.hidden() + 6 * w;
        double params = model.patch() * model.patch() * 3 * w + (patches + captions + 100) * w + 2 * model.layers() * block
                + w * w + 2 * w * model.shared();
        double rows = train.batchSize() * (patches + captions);
        double activations = model.layers() * (rows * (12 * w + model.hidden())
                + 2.0 * train.batchSize() * model.heads() * (patches * patches + captions * captions))
                + 4 * train.batchSize() * captions * patches;
        return new MemoryEstimate(params, activations, List.of("model.width", "model.hidden", "model.layers",
                "model.patch", "train.batch_size"));
    }

    @Override
    public SparcRunConfig withEnvironment(RunEnvironment env) {
        return new SparcRunConfig(task, name, seed, data, model, loss, train, eval, runtime, env);
    }

    @Override
    public void check(Checks c) {
        c.oneOf("task", task, "sparc");
        c.runName("name", name);
        runtime.check(c);
        int maxObjects = data.source() == Source.FASHION ? 4 : 3;
        c.require(data.maxObjects() >= 1 && data.maxObjects() <= maxObjects, "data.max_objects", data.maxObjects(),
                "must be 1 to " + maxObjects + " for " + data.source().key());
        c.require(data.source() != Source.FOLDER || (data.folder() != null && !data.folder().isBlank()), "data.folder",
                data.folder(), "must name the folder of captions.jsonl and images when data.source is folder");
        c.require(data.distractorRate() >= 0 && data.distractorRate() <= 1, "data.distractor_rate", data.distractorRate(),
                "must be in [0, 1]");
        c.atLeast("data.max_caption", data.maxCaption(), 1);
        c.atLeast("model.width", model.width(), 2);
        c.atLeast("model.layers", model.layers(), 1);
        c.require(model.heads() > 0 && model.width() % model.heads() == 0, "model.heads", model.heads(), "must divide model.width");
        c.atLeast("model.hidden", model.hidden(), 1);
        c.atLeast("model.shared", model.shared(), 1);
        int size = data.source() == Source.FASHION ? FashionScenes.SIZE : ShapeScenes.SIZE;
        c.require(model.patch() > 0 && (data.source() == Source.FOLDER || size % model.patch() == 0), "model.patch",
                model.patch(), "must divide the image size " + size + " of " + data.source().key() + " scenes");
        c.require(loss.lambdaG() >= 0, "loss.lambda_g", loss.lambdaG(), "must be >= 0");
        c.require(loss.lambdaF() >= 0, "loss.lambda_f", loss.lambdaF(), "must be >= 0");
        c.require(loss.lambdaG() + loss.lambdaF() > 0, "loss.lambda_g", loss.lambdaG(), "lambda_g + lambda_f must be > 0");
        c.require(loss.sigma() == -1 || (loss.sigma() >= 0 && loss.sigma() < 1), "loss.sigma", loss.sigma(),
                "must be -1 (1/P, the paper's) or in [0, 1)");
        c.require(loss.tokens() != Tokens.CONTENT || data.source() != Source.FOLDER, "loss.tokens", loss.tokens().key(),
                "needs to know which words name objects: data.source shapes or fashion");
        train.check(c, 2);
        c.atLeast("eval.pairs", eval.pairs(), 2);
    }
}
