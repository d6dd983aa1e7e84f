package io.jemini.eval.bench;

import io.jemini.contrastive.data.ShapeScenes;
import io.jemini.contrastive.training.SceneBatch;
import io.jemini.contrastive.training.SparcObjective;
import io.jemini.contrastive.training.SparcRunConfig;
import io.jemini.contrastive.training.SparcTrainer;
import io.jemini.engine.random.Rng;
import io.jemini.kernels.backend.JvmBackend;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The cost of SPARC's fine-grained loss: a full training step (forward, backward) with the SPARC
 * objective against the same step with CLIP only, on the same model and batch, in the same run;
 * both are warmed up, then timed alternately, best of several.
 */
public final class SparcBenchmark {
    private SparcBenchmark() {
    }

    public static void run(SparcRunConfig cfg, boolean quick, PrintStream out) {
        SparcTrainer.Setup setup = SparcTrainer.Setup.of(cfg);
        SceneBatch batch = SceneBatch.sample(setup.scenes(), setup.tokenizer(), new Rng(1), cfg.train().batchSize(),
                cfg.data().maxCaption(), ShapeScenes.Split.TRAIN);
        SparcRunConfig.Loss sparc = new SparcRunConfig.Loss(0.5, cfg.loss().lambdaF() > 0 ? cfg.loss().lambdaF() : 1.0,
                cfg.loss().weights(), cfg.loss().averaging());
        SparcRunConfig.Loss clip = new SparcRunConfig.Loss(1.0, 0.0, cfg.loss().weights(), cfg.loss().averaging());
        out.printf(Locale.ROOT, "sparc: %,d parameters, batch %d, %d patches, %d threads%n", setup.model().parameterCount(),
                cfg.train().batchSize(), setup.model().vision().patches(), JvmBackend.current().threads());
        int reps = quick ? 3 : 7;
        Timing.best(3, 1, () -> step(setup, batch, clip));
        Timing.best(3, 1, () -> step(setup, batch, sparc));
        double clipSec = Double.POSITIVE_INFINITY;
        double sparcSec = Double.POSITIVE_INFINITY;
        for (int i = 0; i < reps; i++) {
            clipSec = Math.min(clipSec, Timing.best(0, 1, () -> step(setup, batch, clip)));
            sparcSec = Math.min(sparcSec, Timing.best(0, 1, () -> step(setup, batch, sparc)));
        }
        out.printf(Locale.ROOT, "CLIP step   %8.1f ms%nSPARC step  %8.1f ms%noverhead of SPARC: %+.1f%%%n", clipSec * 1e3,
                sparcSec * 1e3, 100 * (sparcSec / clipSec - 1));
    }

    private static void step(SparcTrainer.Setup setup, SceneBatch batch, SparcRunConfig.Loss loss) {
        setup.model().parameters().values().forEach(p -> p.zeroGrad());
        SparcObjective.of(setup.model(), batch, loss).total().backward();
    }
}
