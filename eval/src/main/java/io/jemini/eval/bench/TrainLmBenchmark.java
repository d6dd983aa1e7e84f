package io.jemini.eval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.nn.Auxiliary;
import io.jemini.engine.nn.FeedForward;
import io.jemini.engine.nn.ForwardContext;
import io.jemini.engine.nn.Norm;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.ops.Losses;
import io.jemini.engine.optim.AdamW;
import io.jemini.engine.optim.GradientClipping;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import io.jemini.engine.training.PeakHeap;
import io.jemini.experts.routing.MoeConfig;
import io.jemini.kernels.backend.JvmBackend;
import io.jemini.lm.model.LmConfig;
import io.jemini.lm.model.TransformerLm;
import io.jemini.lm.training.LmRunConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Training throughput (tokens/s) of a config's LM beside a PyTorch CPU implementation of the same
 * architecture ({@code scripts/baselines/train_lm_torch.py}), same thread count, both on random
 * tokens, best of three timed windows after warm-up.
 */
public final class TrainLmBenchmark {
    private TrainLmBenchmark() {
    }

    /** {@code ffn} builds the feed-forwards (null: dense); the PyTorch side mirrors the config's MoE section. */
    public static void run(LmRunConfig cfg, int vocab, int steps, String python, Path script, PrintStream out,
                           FeedForward.Factory ffn) {
        LmRunConfig.Model m = cfg.model();
        int batch = cfg.train().batchSize();
        int seq = m.seqLen();
        int threads = JvmBackend.current().threads();
        LmConfig shape = m.lmConfig(vocab);
        TransformerLm lm = ffn == null ? new TransformerLm(shape, new Rng(0)) : new TransformerLm(shape, new Rng(0),
                ffn);
        AdamW opt = new AdamW(lm.parameters(), 0.9f, 0.95f, 1e-8f, 0.1f, n -> true);
        Rng rng = new Rng(1);
        Runnable step = () -> {
            int[] in = new int[batch * seq];
            int[] target = new int[batch * seq];
            for (int i = 0; i < in.length; i++) {
                in[i] = rng.nextInt(vocab);
                target[i] = rng.nextInt(vocab);
            }
            opt.zeroGrad();
            List<Auxiliary> aux = new ArrayList<>();
            Tensor logits = lm.logits(Indices.of(in, batch, seq), ForwardContext.training(rng, aux));
            Auxiliary.addTo(Losses.crossEntropy(logits, Indices.of(target, batch, seq), Losses.IGNORE_INDEX, 0f), aux).backward();
            PeakHeap.sample();
            GradientClipping.clipGlobalNorm(lm.parameters(), 1.0);
            opt.step(1e-3f);
        };
        out.printf(Locale.ROOT,
                "train-lm: %,d parameters (vocab %d, dim %d, %d layers, seq %d, batch %d), %d threads%n",
                lm.parameterCount(), vocab, m.dim(), m.layers(), seq, batch, threads);
        double secondsPerStep = Timing.perStep(steps, step);
        double jemini = batch * seq / secondsPerStep;
        out.printf(Locale.ROOT, "jemini   %9.0f tokens/s   peak heap %.0f MB%n", jemini, PeakHeap.megabytes());
        Double torch = torch(python, script, vocab, cfg, seq, batch, steps, threads, out);
        if (torch != null) {
            out.printf(Locale.ROOT, "pytorch  %9.0f tokens/s%nratio jemini/pytorch: %.2fx%n", torch, jemini / torch);
        }
    }

    private static Double torch(String python, Path script, int vocab, LmRunConfig cfg, int seq, int batch, int steps,
                                int threads, PrintStream out) {
        LmRunConfig.Model m = cfg.model();
        MoeConfig moe = cfg.moe();
        List<String> cmd = new ArrayList<>(List.of(python, script.toString(), "--vocab", "" + vocab, "--dim", "" + m.dim(),
                "--layers", "" + m.layers(), "--heads", "" + m.heads(), "--hidden", "" + m.hidden(), "--seq", "" + seq,
                "--batch", "" + batch, "--steps", "" + steps, "--threads", "" + threads));
        if (moe.enabled()) {
            if (moe.every() != 1 || !moe.dropless() || moe.sharedExperts() > 0
                    || !moe.renormalize()) {
                out.println("pytorch baseline skipped: it implements dropless, renormalised MoE in every block only");
                return null;
            }
            cmd.addAll(List.of("--moe_experts", "" + moe.experts(), "--moe_top_k", "" + moe.topK(), "--moe_hidden",
                    "" + moe.hidden()));
        }
        if (m.norm() != Norm.Kind.RMS || m.ffn() != FeedForward.Kind.SWIGLU || !m.tiedEmbeddings()) {
            out.println("pytorch baseline skipped: it implements rms norm, swiglu and tied embeddings only");
            return null;
        }
        JsonNode r = PythonBaseline.run(cmd, out);
        if (r == null) {
            return null;
        }
        out.println("pytorch " + r.path("torch").asText() + ", " + r.path("parameters").asLong() + " parameters");
        return r.path("tokens_per_s").asDouble();
    }
}
