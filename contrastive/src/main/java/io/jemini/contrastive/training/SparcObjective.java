package io.jemini.contrastive.training;

import io.jemini.contrastive.data.Split;
import io.jemini.contrastive.data.WordTokenizer;
import io.jemini.contrastive.eval.SparcEvaluation;
import io.jemini.contrastive.model.DualEncoder;
import io.jemini.contrastive.model.TextTransformer;
import io.jemini.contrastive.model.VisionTransformer;
import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.dataparallel.Collective;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import io.jemini.engine.training.Objective;
import io.jemini.engine.training.Validation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A dual encoder with its image–caption pairs as the training loop steps it: the SPARC (or CLIP)
 * loss of each step's batch, a function of the seed and the step so that resume is exact; the
 * learned logit scale clamped at 100 after every step; the training captions cut to
 * {@code data.max_caption} words counted per metrics record; and the same loss on fixed held-out pairs
 * of seen combinations as its validation.
 */
public final class SparcObjective implements Objective {
    private static final float MAX_LOG_SCALE = (float) Math.log(100);
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final SparcRunConfig config;
    private final DualEncoder model;
    private final SparcData data;
    private final long dataSeed;
    private final long evalSeed;
    private long truncatedCaptions;
    private Sliced sliced;

    private SparcObjective(SparcRunConfig config, DualEncoder model, SparcData data, long dataSeed, long evalSeed) {
        this.config = config;
        this.model = model;
        this.data = data;
        this.dataSeed = dataSeed;
        this.evalSeed = evalSeed;
    }

    /** The model and its data, every generator derived from the config's seed. */
    public static SparcObjective of(SparcRunConfig cfg) {
        Rng root = new Rng(cfg.seed());
        Rng modelRng = new Rng(root.nextLong());
        long dataSeed = root.nextLong();
        long evalSeed = root.nextLong();
        SparcData data = SparcData.of(cfg.data(), root.nextLong());
        int size = data.train().imageSize();
        SparcRunConfig.Model m = cfg.model();
        if (size % m.patch() != 0) {
            throw new IllegalArgumentException("model.patch = " + m.patch() + " does not divide the image size " + size
                    + " of " + data.train().description());
        }
        DualEncoder model = new DualEncoder(
                new VisionTransformer(size, m.patch(), 3, m.width(), m.layers(), m.heads(), m.hidden(), modelRng),
                new TextTransformer(data.tokenizer().vocabSize(), cfg.data().maxCaption(), m.width(), m.layers(), m.heads(),
                        m.hidden(), modelRng), m.width(), m.shared(), modelRng);
        return new SparcObjective(cfg, model, data, dataSeed, evalSeed);
    }

    public SparcRunConfig config() {
        return config;
    }

    @Override
    public DualEncoder model() {
        return model;
    }

    public SparcData data() {
        return data;
    }

    public WordTokenizer tokenizer() {
        return data.tokenizer();
    }

    /** The seed of the evaluation suite's test sets. */
    public long evalSeed() {
        return evalSeed;
    }

    /** The batch of training step {@code step}: a function of the seed and the step alone. */
    public SceneBatch batch(long step) {
        return SceneBatch.sample(data.train(), tokenizer(), new Rng(dataSeed ^ (step * GOLDEN)), config.train().batchSize(),
                config.data().maxCaption(), Split.TRAIN);
    }

    /** The batch of step {@code step}, its captions cut to the limit counted for the metrics. */
    private SceneBatch trainingBatch(long step) {
        long truncatedBefore = tokenizer().truncated();
        SceneBatch batch = batch(step);
        truncatedCaptions += tokenizer().truncated() - truncatedBefore;
        return batch;
    }

    @Override
    public String description() {
        return data.train().description();
    }

    @Override
    public Step step(long step) {
        SceneBatch batch = trainingBatch(step);
        SparcLoss.Value v = SparcLoss.of(model, batch, config.loss());
        Map<String, Double> parts = new LinkedHashMap<>();
        parts.put("global_loss", (double) v.global());
        parts.put("fine_loss", (double) v.fine());
        return new Step(v.total(), v.total().item(), parts);
    }

    /**
     * The exact gradient of the whole batch's loss, a slice at a time (as GradCache does): every
     * worker encodes its slices without a graph, the workers all-gather the embeddings, and each
     * computes the whole batch's loss and its gradient with respect to every embedding and the
     * logit scale. {@link #step(long, int, int)} then encodes a slice again with its graph and
     * back-propagates those gradients through it.
     */
    @Override
    public void beforeSlices(long step, int first, int count, int parts, Collective workers) {
        SceneBatch batch = trainingBatch(step);
        int rows = batch.pairs().size() / parts;
        List<DualEncoder.Embeddings> mine = new ArrayList<>();
        try (var noGrad = GradMode.disabled()) {
            for (int part = first; part < first + count; part++) {
                SceneBatch slice = batch.rows(part * rows, (part + 1) * rows);
                mine.add(model.encode(slice.images(), slice.ids(), slice.mask()));
            }
        }
        DualEncoder.Embeddings whole = EmbeddingShare.assemble(workers.allGather(EmbeddingShare.encode(mine)));
        Tensor logScale = Tensor.of(new float[] {model.logitScale().item()}, model.logitScale().dims()).requiresGrad(true);
        SparcLoss.Value v = SparcLoss.of(whole, logScale, batch, config.loss());
        v.total().backward();
        sliced = new Sliced(step, batch, rows, whole, logScale.gradData()[0], v.total().item(), v.global(), v.fine());
    }

    @Override
    public Step step(long step, int part, int parts) {
        if (parts == 1) {
            return step(step);
        }
        if (sliced == null || sliced.step() != step) {
            throw new IllegalStateException("step " + step + ": the whole batch's embeddings were not gathered first");
        }
        int rows = sliced.rows();
        SceneBatch slice = sliced.batch().rows(part * rows, (part + 1) * rows);
        DualEncoder.Embeddings e = model.encode(slice.images(), slice.ids(), slice.mask());
        DualEncoder.Embeddings g = sliced.whole();
        Tensor surrogate = pull(e.patches(), g.patches(), part, rows).add(pull(e.imageGlobal(), g.imageGlobal(), part, rows))
                .add(pull(e.tokens(), g.tokens(), part, rows)).add(pull(e.textGlobal(), g.textGlobal(), part, rows));
        Map<String, Double> named = new LinkedHashMap<>();
        named.put("global_loss", part == 0 ? sliced.global() : 0.0);
        named.put("fine_loss", part == 0 ? sliced.fine() : 0.0);
        if (part == 0) {
            surrogate = surrogate.add(model.logitScale().mul(sliced.logScaleGradient()).sum());
        }
        return new Step(surrogate, part == 0 ? sliced.loss() : 0.0, named);
    }

    /** {@code Σ slice · grad}, whose gradient with respect to {@code slice} is the whole loss's gradient on those rows. */
    private static Tensor pull(Tensor slice, Tensor whole, int part, int rows) {
        float[] grad = whole.gradData();
        int per = slice.numel() / rows;
        float[] mine = grad == null ? new float[slice.numel()]
                : Arrays.copyOfRange(grad, part * rows * per, (part + 1) * rows * per);
        return slice.mul(Tensor.of(mine, slice.shape())).sum();
    }

    /** A step's whole-batch embeddings with their gradients, gathered before its slices are stepped. */
    private record Sliced(long step, SceneBatch batch, int rows, DualEncoder.Embeddings whole, float logScaleGradient,
                          double loss, double global, double fine) {
    }

    @Override
    public void afterStep(double[] statistics) {
        try (var noGrad = GradMode.disabled()) {
            Tensor scale = model.logitScale();
            if (scale.item() > MAX_LOG_SCALE) {
                scale.fill_(MAX_LOG_SCALE);
            }
        }
    }

    @Override
    public Map<String, Object> intervalMetrics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("logit_scale", Math.exp(model.logitScale().item()));
        m.put("truncated_captions", truncatedCaptions);
        truncatedCaptions = 0;
        return m;
    }

    /**
     * The loss on {@code eval.pairs} fixed test pairs of seen combinations, in batches of
     * {@code train.batch_size} (the in-batch negatives of training).
     */
    @Override
    public Validation validate() {
        int batch = config.train().batchSize();
        int batches = Math.max(1, config.eval().pairs() / batch);
        Rng rng = new Rng(evalSeed ^ GOLDEN);
        double total = 0;
        double global = 0;
        double fine = 0;
        try (var noGrad = GradMode.disabled()) {
            for (int i = 0; i < batches; i++) {
                SparcLoss.Value v = SparcLoss.of(model, SceneBatch.sample(data.test(), tokenizer(), rng, batch,
                        config.data().maxCaption(), Split.TRAIN), config.loss());
                total += v.total().item();
                global += v.global();
                fine += v.fine();
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("val_loss", total / batches);
        m.put("val_global_loss", global / batches);
        m.put("val_fine_loss", fine / batches);
        m.put("val_pairs", (long) batches * batch);
        return new Validation(m, String.format(Locale.ROOT, "validation loss %.4f (global %.4f, fine-grained %.4f)",
                total / batches, global / batches, fine / batches));
    }

    /** What is trained: CLIP ({@code lambda_f = 0}) or SPARC with its alignment weights. */
    public String objectiveName() {
        SparcRunConfig.Loss loss = config.loss();
        return loss.lambdaF() == 0 ? "clip" : "sparc (" + loss.weights().key() + " weights, lambda_f " + loss.lambdaF() + ")";
    }

    /** The evaluation suite ({@link SparcEvaluation}) on {@code eval.pairs} test pairs per split. */
    public Map<String, Double> evaluateSuite() {
        return SparcEvaluation.evaluate(model, tokenizer(), config.data().maxCaption(), data.test(), config.eval().pairs(),
                evalSeed);
    }

    @Override
    public long[] dataPosition() {
        return new long[0];
    }

    @Override
    public void seek(long[] position) {
    }
}
