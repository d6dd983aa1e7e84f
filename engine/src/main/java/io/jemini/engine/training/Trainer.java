package io.jemini.engine.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.engine.checkpoint.CheckpointStore;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.io.ParameterIO;
import io.jemini.engine.lm.LmConfig;
import io.jemini.engine.lm.Sampler;
import io.jemini.engine.lm.TransformerLm;
import io.jemini.engine.nn.Auxiliary;
import io.jemini.engine.nn.FeedForward;
import io.jemini.engine.nn.ForwardContext;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.ops.Losses;
import io.jemini.engine.optim.AdamW;
import io.jemini.engine.optim.GradientClipping;
import io.jemini.engine.optim.LrSchedule;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains a language model as its config describes, inside a run directory: metrics to
 * {@code metrics.jsonl}, checkpoints every {@code train.checkpoint_every} steps, and at the end an
 * evaluation and samples to {@code results.json}. A resumed run restores parameters, optimizer
 * state, data position and counters from the last checkpoint and continues bit-exactly.
 */
public final class Trainer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A model and its data, built deterministically from a config. */
    public record Setup(LmRunConfig config, LmData data, TransformerLm model, long sampleSeed, long noiseSeed) {
        /** A dense model; a config with MoE enabled needs {@link #of(LmRunConfig, RunDirectory, FeedForward.Factory)}. */
        public static Setup of(LmRunConfig cfg, RunDirectory run) {
            if (cfg.moe().enabled()) {
                throw new IllegalArgumentException("moe.enabled needs the experts module's feed-forward factory");
            }
            return of(cfg, run, null);
        }

        /**
         * Derives every generator from {@code config.seed}, so a run is a function of its config;
         * {@code ffn} builds the blocks' feed-forwards (null: dense, as the config says).
         */
        public static Setup of(LmRunConfig cfg, RunDirectory run, FeedForward.Factory ffn) {
            Rng root = new Rng(cfg.seed());
            long modelSeed = root.nextLong();
            long dataSeed = root.nextLong();
            long splitSeed = root.nextLong();
            long sampleSeed = root.nextLong();
            long noiseSeed = root.nextLong();
            if (run != null) {
                cfg.train().initialWeights().ifPresent(from -> InitialWeights.copyTokenizer(from, run.tokenizer()));
            }
            LmData data = LmData.prepare(cfg, dataSeed, splitSeed, run == null ? null : run.tokenizer());
            LmRunConfig.Model m = cfg.model();
            LmConfig lmConfig = m.lmConfig(data.vocab());
            TransformerLm lm = ffn == null ? new TransformerLm(lmConfig, new Rng(modelSeed))
                    : new TransformerLm(lmConfig, new Rng(modelSeed), ffn);
            return new Setup(cfg, data, lm, sampleSeed, noiseSeed);
        }
    }

    private Trainer() {
    }

    /** Weight decay applies to matrices only, not to norms' scales. */
    static boolean decays(String name) {
        return name.endsWith(".weight") && !name.contains("norm");
    }

    public static ObjectNode run(RunDirectory run, Setup setup, boolean resume, Progress progress) {
        LmRunConfig cfg = setup.config();
        LmRunConfig.Train t = cfg.train();
        TransformerLm lm = setup.model();
        Map<String, Tensor> params = lm.parameters();
        AdamW opt = new AdamW(params, (float) t.beta1(), (float) t.beta2(), 1e-8f, (float) t.weightDecay(), Trainer::decays);
        LrSchedule schedule = LrSchedule.warmupCosine((float) t.lr(), t.warmupSteps(), t.steps(), (float) t.minLr());
        CheckpointStore store = new CheckpointStore(run.checkpoints(), t.keepLast());
        long start = 0;
        double elapsedBefore = 0;
        long skipped = 0;
        if (!resume && t.initialWeights().isPresent()) {
            io.jemini.engine.checkpoint.Checkpoint source = InitialWeights.checkpoint(t.initialWeights().get());
            ParameterIO.load(params, source.model());
            ParameterIO.loadBuffers(lm.buffers(), source.model());
            progress.line("starting from the weights of " + source.dir());
        }
        store.unrecognised().forEach(p -> progress.line("warning: " + p + " is not a complete checkpoint (no "
                + CheckpointStore.STATE + "); it is skipped and left as it is"));
        if (resume) {
            io.jemini.engine.checkpoint.Checkpoint ckpt = store.latest().orElseThrow(() -> new TrainingException("cannot resume " + run.dir()
                    + ": it has no complete checkpoint yet; start it again with 'jemini run'"));
            TrainingState.Restored restored = TrainingState.restore(ckpt, params, lm.buffers(), opt);
            setup.data().train().seek(restored.dataPosition());
            start = restored.step();
            elapsedBefore = restored.elapsedSeconds();
            skipped = restored.skippedSteps();
            progress.line("resuming " + run.dir() + " from " + ckpt.dir().getFileName());
        }
        int seq = cfg.model().seqLen();
        int batch = t.batchSize();
        try (MetricsLog metrics = new MetricsLog(run.metrics()); StopRequest.Scope training = StopRequest.training()) {
            metrics.truncateAfter(start);
            progress.start(start, t.steps());
            long runStart = System.nanoTime();
            long intervalStart = runStart;
            double lossSum = 0;
            int lossCount = 0;
            LayerMetrics layerMetrics = new LayerMetrics();
            Evaluation.Result finalValidation = null;
            List<FeedForward> feedForwards = lm.feedForwards();
            for (long step = start + 1; step <= t.steps(); step++) {
                Indices[] b = setup.data().train().next(batch, seq);
                opt.zeroGrad();
                List<Auxiliary> aux = new ArrayList<>();
                Tensor loss;
                try {
                    loss = Losses.crossEntropy(lm.logits(b[0],
                            ForwardContext.training(new Rng(setup.noiseSeed() ^ (step * 0x9E3779B97F4A7C15L)), aux)),
                            b[1], Losses.IGNORE_INDEX, 0f);
                } catch (ArithmeticException e) {
                    throw new TrainingException("step " + step + ": " + e.getMessage() + "; training stopped; "
                            + store.describeLatest());
                }
                Auxiliary.addTo(loss, aux).backward();
                double norm = GradientClipping.clipGlobalNorm(params, t.gradClip());
                float value = loss.item();
                float lr = schedule.at(step - 1);
                boolean finite = Float.isFinite(value) && Double.isFinite(norm);
                if (finite) {
                    opt.step(lr);
                    feedForwards.forEach(FeedForward::afterStep);
                    layerMetrics.add(aux);
                    lossSum += value;
                    lossCount++;
                } else if (t.nonFinite() == NonFinitePolicy.SKIP) {
                    skipped++;
                    progress.line(String.format(Locale.ROOT, "step %d: loss %s, gradient norm %s; step skipped (%d so far)",
                            step, value, norm, skipped));
                } else {
                    throw new TrainingException(String.format(Locale.ROOT,
                            "step %d: the loss is %s and the gradient norm %s; training stopped; %s (set "
                                    + "train.non_finite=skip to skip such steps)", step, value, norm, store.describeLatest()));
                }
                long now = System.nanoTime();
                double elapsed = elapsedBefore + (now - runStart) / 1e9;
                progress.step(step, value, (double) batch * seq * (step - start) / ((now - runStart) / 1e9));
                PeakHeap.sample();
                if (step % t.logEvery() == 0 || step == t.steps() || step == 1) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("step", step);
                    r.put("loss", lossCount == 0 ? null : lossSum / lossCount);
                    r.put("lr", lr);
                    r.put("grad_norm", Double.isFinite(norm) ? norm : null);
                    r.put("tokens_per_s", (double) batch * seq * Math.max(1, lossCount) / Math.max(1e-9, (now - intervalStart) / 1e9));
                    r.put("elapsed_s", elapsed);
                    r.put("skipped_steps", skipped);
                    if (!layerMetrics.isEmpty()) {
                        r.put("layers", layerMetrics.drain());
                    }
                    metrics.append(r);
                    lossSum = 0;
                    lossCount = 0;
                    intervalStart = now;
                }
                if (step % t.evalEvery() == 0 || step == t.steps()) {
                    Evaluation.Result v = Evaluation.evaluate(lm, setup.data().validation(), batch, seq, cfg.eval().batches(),
                            setup.data().tokenizer());
                    finalValidation = step == t.steps() ? v : null;
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("step", step);
                    r.put("val_loss", v.loss());
                    r.put("val_perplexity", v.perplexity());
                    r.put("val_bits_per_byte", Double.isNaN(v.bitsPerByte()) ? null : v.bitsPerByte());
                    metrics.append(r);
                    progress.line(String.format(Locale.ROOT, "step %d: validation loss %.4f (perplexity %.2f%s)", step,
                            v.loss(), v.perplexity(), Double.isNaN(v.bitsPerByte()) ? ""
                                    : String.format(Locale.ROOT, ", %.4f bits/byte", v.bitsPerByte())));
                }
                String signal = StopRequest.pending();
                if (step % t.checkpointEvery() == 0 || step == t.steps() || signal != null) {
                    Path saved = TrainingState.save(store, step, params, lm.buffers(), opt, setup.data().train().position(),
                            (System.nanoTime() - runStart) / 1e9 + elapsedBefore, skipped, ConfigReader.toTree(cfg));
                    if (signal != null) {
                        progress.finish();
                        throw new RunStopped(signal, step, run.dir(), saved);
                    }
                }
            }
            training.close();
            progress.finish();
            double trainSeconds = elapsedBefore + (System.nanoTime() - runStart) / 1e9;
            return results(setup, trainSeconds, skipped, finalValidation);
        }
    }

    /**
     * Final evaluation on validation and test, samples, and the run's figures; {@code validation}
     * is the validation result of the last step when the loop already computed it, else null.
     */
    public static ObjectNode results(Setup setup, double trainSeconds, long skipped, Evaluation.Result validation) {
        LmRunConfig cfg = setup.config();
        TransformerLm lm = setup.model();
        int seq = cfg.model().seqLen();
        int batch = cfg.train().batchSize();
        Evaluation.Result val = validation != null ? validation
                : Evaluation.evaluate(lm, setup.data().validation(), batch, seq, cfg.eval().batches(), setup.data().tokenizer());
        Evaluation.Result test = Evaluation.evaluate(lm, setup.data().test(), batch, seq, cfg.eval().batches(),
                setup.data().tokenizer());
        ObjectNode r = JSON.createObjectNode();
        r.put("name", cfg.name());
        r.put("seed", cfg.seed());
        r.put("data", setup.data().description());
        r.put("parameters", lm.parameterCount());
        r.put("steps", cfg.train().steps());
        r.put("tokens_seen", (long) cfg.train().steps() * batch * seq);
        r.put("train_seconds", trainSeconds);
        r.put("tokens_per_s", cfg.train().steps() * (double) batch * seq / trainSeconds);
        r.put("skipped_steps", skipped);
        r.put("peak_heap_mb", PeakHeap.megabytes());
        putEval(r, "val", val);
        putEval(r, "test", test);
        ArrayNode samples = r.putArray("samples");
        Rng rng = new Rng(setup.sampleSeed());
        for (int i = 0; i < cfg.eval().samples(); i++) {
            samples.add(sample(setup, rng));
        }
        return r;
    }

    private static void putEval(ObjectNode r, String split, Evaluation.Result e) {
        r.put(split + "_loss", e.loss());
        r.put(split + "_perplexity", e.perplexity());
        if (!Double.isNaN(e.bitsPerByte())) {
            r.put(split + "_bits_per_byte", e.bitsPerByte());
        }
        r.put(split + "_tokens", e.tokens());
    }

    /** One generated sample from the eval prompt (or from end-of-text / token 0 when it is empty). */
    public static String sample(Setup setup, Rng rng) {
        LmRunConfig.Eval e = setup.config().eval();
        var tok = setup.data().tokenizer();
        int[] prompt;
        if (tok != null) {
            prompt = e.prompt().isEmpty() ? new int[] {tok.endOfText()} : tok.encode(e.prompt());
        } else {
            prompt = new int[] {0};
        }
        int[] out = Sampler.generate(setup.model(), prompt, e.sampleTokens(), e.temperature(), e.topK(), rng, true);
        if (tok != null) {
            return e.prompt() + tok.decode(out);
        }
        StringBuilder sb = new StringBuilder();
        for (int id : out) {
            sb.append(sb.isEmpty() ? "" : " ").append(id);
        }
        return sb.toString();
    }
}
