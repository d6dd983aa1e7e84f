package io.jemini.contrastive.training;

import io.jemini.contrastive.data.Split;
import io.jemini.contrastive.data.WordTokenizer;
import io.jemini.contrastive.eval.SparcEvaluation;
import io.jemini.contrastive.model.DualEncoder;
import io.jemini.contrastive.model.TextTransformer;
import io.jemini.contrastive.model.VisionTransformer;
import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import io.jemini.engine.training.Objective;
import io.jemini.engine.training.Validation;
import java.util.LinkedHashMap;
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

    @Override
    public String description() {
        return data.train().description();
    }

    @Override
    public Step step(long step) {
        long truncatedBefore = tokenizer().truncated();
        SceneBatch batch = batch(step);
        truncatedCaptions += tokenizer().truncated() - truncatedBefore;
        SparcLoss.Value v = SparcLoss.of(model, batch, config.loss());
        Map<String, Double> parts = new LinkedHashMap<>();
        parts.put("global_loss", (double) v.global());
        parts.put("fine_loss", (double) v.fine());
        return new Step(v.total(), v.total().item(), parts);
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
