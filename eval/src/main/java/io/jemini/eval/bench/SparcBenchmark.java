package io.jemini.eval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.contrastive.data.Split;
import io.jemini.contrastive.losses.ContrastiveLosses;
import io.jemini.contrastive.training.SceneBatch;
import io.jemini.contrastive.training.SparcLoss;
import io.jemini.contrastive.training.SparcObjective;
import io.jemini.contrastive.training.SparcRunConfig;
import io.jemini.engine.optim.AdamW;
import io.jemini.engine.optim.GradientClipping;
import io.jemini.engine.random.Rng;
import io.jemini.kernels.backend.JvmBackend;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The cost of SPARC's fine-grained loss: a full training step (forward, backward, clipping, AdamW)
 * with the SPARC objective against the same step with CLIP only, on the same model and batch, in
 * the same run, both warmed up, then timed alternately, best of several; and the SPARC step
 * beside the same model, loss and optimizer in PyTorch on the CPU
 * ({@code scripts/baselines/train_sparc_torch.py}, same thread count).
 */
public final class SparcBenchmark {
    private SparcBenchmark() {
    }

    public static void run(SparcRunConfig cfg, boolean quick, String python, Path script, PrintStream out) {
        SparcObjective setup = SparcObjective.of(cfg);
        SceneBatch batch = SceneBatch.sample(setup.data().train(), setup.tokenizer(), new Rng(1), cfg.train().batchSize(),
                cfg.data().maxCaption(), Split.TRAIN);
        SparcRunConfig.Loss sparc = SparcRunConfig.Loss.of(0.5, cfg.loss().lambdaF() > 0 ? cfg.loss().lambdaF() : 1.0,
                cfg.loss().weights(), cfg.loss().averaging());
        SparcRunConfig.Loss clip = SparcRunConfig.Loss.of(1.0, 0.0, cfg.loss().weights(), cfg.loss().averaging());
        out.printf(Locale.ROOT, "sparc: %,d parameters, batch %d, %d patches, %d threads%n", setup.model().parameterCount(),
                cfg.train().batchSize(), setup.model().vision().patches(), JvmBackend.current().threads());
        int reps = quick ? 3 : 7;
        AdamW opt = new AdamW(setup.model().parameters(), 0.9f, (float) cfg.train().beta2(), 1e-8f,
                (float) cfg.train().weightDecay(), n -> true);
        Timing.best(3, 1, () -> step(setup, batch, clip, opt));
        Timing.best(3, 1, () -> step(setup, batch, sparc, opt));
        double clipSec = Double.POSITIVE_INFINITY;
        double sparcSec = Double.POSITIVE_INFINITY;
        for (int i = 0; i < reps; i++) {
            clipSec = Math.min(clipSec, Timing.best(0, 1, () -> step(setup, batch, clip, opt)));
            sparcSec = Math.min(sparcSec, Timing.best(0, 1, () -> step(setup, batch, sparc, opt)));
        }
        out.printf(Locale.ROOT, "CLIP step   %8.1f ms%nSPARC step  %8.1f ms%noverhead of SPARC: %+.1f%%%n", clipSec * 1e3,
                sparcSec * 1e3, 100 * (sparcSec / clipSec - 1));
        JsonNode torch = torch(python, script, cfg, setup, quick, out);
        if (torch != null) {
            double jemini = cfg.train().batchSize() / sparcSec;
            double baseline = torch.path("sparc_pairs_per_s").asDouble();
            out.printf(Locale.ROOT, "pytorch %s, %,d parameters%nSPARC step: jemini %.0f pairs/s, pytorch %.0f pairs/s%n"
                    + "ratio jemini/pytorch: %.2fx%n", torch.path("torch").asText(), torch.path("parameters").asLong(), jemini,
                    baseline, jemini / baseline);
        }
    }

    private static void step(SparcObjective setup, SceneBatch batch, SparcRunConfig.Loss loss, AdamW opt) {
        opt.zeroGrad();
        SparcLoss.of(setup.model(), batch, loss).total().backward();
        GradientClipping.clipGlobalNorm(setup.model().parameters(), 1.0);
        opt.step(1e-4f);
    }

    private static JsonNode torch(String python, Path script, SparcRunConfig cfg, SparcObjective setup, boolean quick,
                                  PrintStream out) {
        SparcRunConfig.Model m = cfg.model();
        if (cfg.loss().weights() != SparcRunConfig.Weights.SPARSE
                || cfg.loss().averaging() != ContrastiveLosses.Averaging.PER_SAMPLE) {
            out.println("pytorch baseline skipped: it implements sparse weights with the per-sample average only");
            return null;
        }
        List<String> cmd = List.of(python, script.toString(), "--size", "" + setup.data().train().imageSize(), "--patch",
                "" + m.patch(), "--width", "" + m.width(), "--layers", "" + m.layers(), "--heads", "" + m.heads(), "--hidden",
                "" + m.hidden(), "--shared", "" + m.shared(), "--vocab", "" + setup.tokenizer().vocabSize(), "--caption",
                "" + cfg.data().maxCaption(), "--batch", "" + cfg.train().batchSize(), "--steps", quick ? "3" : "10",
                "--threads", "" + JvmBackend.current().threads());
        return PythonBaseline.run(cmd, out);
    }
}
