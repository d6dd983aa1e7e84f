package io.jemini.contrastive.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.contrastive.data.Split;
import io.jemini.contrastive.data.WordTokenizer;
import io.jemini.contrastive.eval.SparcEvaluation;
import io.jemini.contrastive.model.DualEncoder;
import io.jemini.contrastive.model.TextTransformer;
import io.jemini.contrastive.model.VisionTransformer;
import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.checkpoint.CheckpointStore;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.optim.AdamW;
import io.jemini.engine.optim.GradientClipping;
import io.jemini.engine.optim.LrSchedule;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import io.jemini.engine.training.MetricsLog;
import io.jemini.engine.training.PeakHeap;
import io.jemini.engine.training.Progress;
import io.jemini.engine.training.RunDirectory;
import io.jemini.engine.training.RunStopped;
import io.jemini.engine.training.StopRequest;
import io.jemini.engine.training.TrainingException;
import io.jemini.engine.training.TrainingState;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Trains a dual encoder on image–caption pairs with the SPARC (or CLIP) objective inside a
 * run directory: metrics, verified checkpoints, exact resume (each step's batch is a function of
 * the seed and the step), the learned logit scale clamped at 100 after every step, and the
 * evaluation suite at the end.
 */
public final class SparcTrainer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final float MAX_LOG_SCALE = (float) Math.log(100);

    /** The model and its data, derived from the config's seed. */
    public record Setup(SparcRunConfig config, DualEncoder model, SparcData data, long dataSeed, long evalSeed) {
        public static Setup of(SparcRunConfig cfg) {
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
            return new Setup(cfg, model, data, dataSeed, evalSeed);
        }

        public WordTokenizer tokenizer() {
            return data.tokenizer();
        }
    }

    private SparcTrainer() {
    }

    /** Matrices decay; norms, embeddings, positions and the logit scale do not. */
    static boolean decays(String name) {
        return name.endsWith(".weight") && !name.contains("norm") && !name.contains("embed.weight");
    }

    public static ObjectNode run(RunDirectory run, Setup setup, boolean resume, Progress progress) {
        SparcRunConfig cfg = setup.config();
        SparcRunConfig.Train t = cfg.train();
        DualEncoder model = setup.model();
        var params = model.parameters();
        AdamW opt = new AdamW(params, (float) t.beta1(), (float) t.beta2(), 1e-8f, (float) t.weightDecay(), SparcTrainer::decays);
        LrSchedule schedule = LrSchedule.warmupCosine((float) t.lr(), t.warmupSteps(), t.steps(), (float) t.minLr());
        CheckpointStore store = new CheckpointStore(run.checkpoints(), t.keepLast());
        long start = 0;
        double before = 0;
        store.unrecognised().forEach(p -> progress.line("warning: " + p + " is not a complete checkpoint (no "
                + CheckpointStore.STATE + "); it is skipped and left as it is"));
        if (resume) {
            TrainingState.Restored r = TrainingState.restore(store.latest().orElseThrow(() -> new TrainingException(
                    "cannot resume " + run.dir() + ": it has no complete checkpoint yet")), params, model.buffers(), opt);
            start = r.step();
            before = r.elapsedSeconds();
            progress.line("resuming " + run.dir() + " from step " + start);
        }
        try (MetricsLog metrics = new MetricsLog(run.metrics()); StopRequest.Scope training = StopRequest.training()) {
            metrics.truncateAfter(start);
            progress.start(start, t.steps());
            long t0 = System.nanoTime();
            double sum = 0;
            double globalSum = 0;
            double fineSum = 0;
            int count = 0;
            for (long step = start + 1; step <= t.steps(); step++) {
                SceneBatch batch = SceneBatch.sample(setup.data().train(), setup.tokenizer(),
                        new Rng(setup.dataSeed() ^ (step * 0x9E3779B97F4A7C15L)), t.batchSize(), cfg.data().maxCaption(),
                        Split.TRAIN);
                opt.zeroGrad();
                SparcLoss.Value v = SparcLoss.of(model, batch, cfg.loss());
                v.total().backward();
                double norm = GradientClipping.clipGlobalNorm(params, t.gradClip());
                float lr = schedule.at(step - 1);
                if (!Float.isFinite(v.total().item()) || !Double.isFinite(norm)) {
                    throw new TrainingException(String.format(Locale.ROOT, "step %d: the loss is %s and the gradient norm %s; "
                            + "training stopped; %s", step, v.total().item(), norm, store.describeLatest()));
                }
                opt.step(lr);
                try (var noGrad = GradMode.disabled()) {
                    Tensor scale = model.logitScale();
                    if (scale.item() > MAX_LOG_SCALE) {
                        scale.fill_(MAX_LOG_SCALE);
                    }
                }
                PeakHeap.sample();
                sum += v.total().item();
                globalSum += v.global();
                fineSum += v.fine();
                count++;
                double elapsed = before + (System.nanoTime() - t0) / 1e9;
                progress.step(step, v.total().item(), t.batchSize() * (step - start) / ((System.nanoTime() - t0) / 1e9));
                if (step % t.logEvery() == 0 || step == t.steps() || step == 1) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("step", step);
                    r.put("loss", sum / count);
                    r.put("global_loss", globalSum / count);
                    r.put("fine_loss", fineSum / count);
                    r.put("logit_scale", Math.exp(model.logitScale().item()));
                    r.put("lr", lr);
                    r.put("grad_norm", norm);
                    r.put("truncated_captions", setup.tokenizer().truncated());
                    r.put("pairs_per_s", t.batchSize() * (step - start) / Math.max(1e-9, (System.nanoTime() - t0) / 1e9));
                    r.put("elapsed_s", elapsed);
                    metrics.append(r);
                    sum = 0;
                    globalSum = 0;
                    fineSum = 0;
                    count = 0;
                }
                String signal = StopRequest.pending();
                if (step % t.checkpointEvery() == 0 || step == t.steps() || signal != null) {
                    Path saved = TrainingState.save(store, step, params, model.buffers(), opt, new long[] {step}, elapsed, 0,
                            ConfigReader.toTree(cfg));
                    if (signal != null) {
                        progress.finish();
                        throw new RunStopped(signal, step, run.dir(), saved);
                    }
                }
            }
            training.close();
            progress.finish();
            double seconds = before + (System.nanoTime() - t0) / 1e9;
            return results(setup, seconds);
        }
    }

    /** The evaluation suite and the run's figures. */
    public static ObjectNode results(Setup setup, double trainSeconds) {
        SparcRunConfig cfg = setup.config();
        ObjectNode r = JSON.createObjectNode();
        r.put("name", cfg.name());
        r.put("seed", cfg.seed());
        r.put("data", setup.data().train().description());
        r.put("objective", cfg.loss().lambdaF() == 0 ? "clip" : "sparc (" + cfg.loss().weights().key() + " weights, lambda_f "
                + cfg.loss().lambdaF() + ")");
        r.put("parameters", setup.model().parameterCount());
        r.put("train_seconds", trainSeconds);
        r.put("pairs_per_s", cfg.train().steps() * (double) cfg.train().batchSize() / trainSeconds);
        r.put("peak_heap_mb", PeakHeap.megabytes());
        Map<String, Double> eval = SparcEvaluation.evaluate(setup.model(), setup.tokenizer(), cfg.data().maxCaption(),
                setup.data().test(), cfg.eval().pairs(), setup.evalSeed());
        eval.forEach((k, v) -> {
            if (Double.isNaN(v)) {
                r.putNull(k);
            } else {
                r.put(k, v);
            }
        });
        return r;
    }
}
