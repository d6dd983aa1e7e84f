package io.jemini.engine.training;

import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.data.MarkovCorpus;
import io.jemini.engine.lm.LmConfig;
import io.jemini.engine.lm.TransformerLm;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.optim.AdamW;
import io.jemini.engine.optim.GradientClipping;
import io.jemini.engine.optim.LrSchedule;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Trains the quickstart LM and reports the loss against the data's entropy floor. The model,
 * data and optimizer each draw from their own generator split from the config seed, so a run is
 * a function of the config.
 */
public final class QuickstartTrainer {
    /** What a run measured. */
    public record Result(float firstLoss, float finalLoss, double validationLoss, double entropyFloor, long parameters,
                         double seconds) {
    }

    private QuickstartTrainer() {
    }

    public static Result train(QuickstartConfig cfg, PrintStream log) {
        Rng root = new Rng(cfg.seed());
        Rng modelRng = root.split();
        Rng dataRng = root.split();
        Rng evalRng = root.split();
        QuickstartConfig.Model m = cfg.model();
        QuickstartConfig.Train t = cfg.train();
        MarkovCorpus corpus = new MarkovCorpus(cfg.data().vocab(), cfg.data().branching(), root.nextLong());
        TransformerLm lm = new TransformerLm(new LmConfig(cfg.data().vocab(), m.dim(), m.layers(), m.heads(), m.hidden(),
                m.seqLen(), m.norm(), m.ffn(), m.ropeBase(), m.tiedEmbeddings(), 1e-5f), modelRng);
        AdamW opt = new AdamW(lm.parameters(), 0.9f, 0.95f, 1e-8f, (float) t.weightDecay(),
                name -> name.endsWith(".weight") && !name.contains("norm"));
        LrSchedule schedule = LrSchedule.warmupCosine((float) t.lr(), t.warmupSteps(), t.steps(), (float) t.minLr());
        double floor = corpus.entropyRate(new Rng(evalRng.nextLong()), 200_000);
        log.printf(Locale.ROOT, "%s: %,d parameters, %d layers, dim %d, %d steps of %d x %d tokens%n", cfg.name(),
                lm.parameterCount(), m.layers(), m.dim(), t.steps(), t.batchSize(), m.seqLen());
        log.printf(Locale.ROOT, "data: Markov chain, vocab %d, entropy floor %.3f nats/token (uniform: %.3f)%n",
                cfg.data().vocab(), floor, Math.log(cfg.data().vocab()));
        long start = System.nanoTime();
        float first = Float.NaN;
        float last = Float.NaN;
        for (int step = 0; step < t.steps(); step++) {
            Indices[] batch = corpus.batch(dataRng, t.batchSize(), m.seqLen());
            opt.zeroGrad();
            Tensor loss = lm.loss(batch[0], batch[1]);
            loss.backward();
            double norm = GradientClipping.clipGlobalNorm(lm.parameters(), t.gradClip());
            float lr = schedule.at(step);
            opt.step(lr);
            last = loss.item();
            if (!Float.isFinite(last)) {
                throw new ArithmeticException("loss became " + last + " at step " + (step + 1));
            }
            if (step == 0) {
                first = last;
            }
            if ((step + 1) % t.logEvery() == 0 || step == 0 || step == t.steps() - 1) {
                double secs = (System.nanoTime() - start) / 1e9;
                log.printf(Locale.ROOT, "step %5d/%d  loss %.4f  lr %.2e  grad_norm %.3f  %.0f tok/s%n", step + 1, t.steps(),
                        last, lr, norm, (double) (step + 1) * t.batchSize() * m.seqLen() / secs);
            }
        }
        double validation = 0;
        try (var noGrad = GradMode.disabled()) {
            for (int i = 0; i < t.evalBatches(); i++) {
                Indices[] batch = corpus.batch(evalRng, t.batchSize(), m.seqLen());
                validation += lm.loss(batch[0], batch[1]).item() / t.evalBatches();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        log.printf(Locale.ROOT, "validation loss %.4f nats/token (entropy floor %.4f, first training loss %.4f), %.1f s%n",
                validation, floor, first, seconds);
        return new Result(first, last, validation, floor, lm.parameterCount(), seconds);
    }
}
