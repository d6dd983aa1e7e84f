package io.jemini.eval.bench;

import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.nn.AttentionShape;
import io.jemini.engine.nn.KvCache;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import io.jemini.kernels.backend.JvmBackend;
import io.jemini.lm.model.TransformerLm;
import io.jemini.lm.training.LmRunConfig;
import java.io.PrintStream;
import java.util.Locale;

/**
 * KV-cache decoding speed of the small LM at long contexts: the cache is filled with random keys
 * and values for the context (decoding cost does not depend on their values, and a real prefill
 * of 128K tokens would dominate the run), then single tokens are decoded greedily; tokens/s is
 * the best of several timed windows. Also shows what a 1M-token cache takes and whether it fits.
 */
public final class DecodeBenchmark {
    private DecodeBenchmark() {
    }

    public static void run(LmRunConfig cfg, boolean quick, PrintStream out) {
        int[] contexts = quick ? new int[] {4096, 32_768} : new int[] {4096, 32_768, 131_072};
        int steps = quick ? 4 : 16;
        LmRunConfig.Model m = cfg.model();
        int kv = m.attentionShape().kvHeads();
        int headDim = m.dim() / m.heads();
        out.printf(Locale.ROOT, "decode: dim %d, %d layers, %d heads (%d key/value), vocab %d, %d threads%n", m.dim(), m.layers(),
                m.heads(), kv, cfg.data().vocabSize(), JvmBackend.current().threads());
        for (int context : contexts) {
            TransformerLm lm = model(cfg, kv, context + steps + 1);
            KvCache cache = lm.newCache(1, context + steps + 1);
            Rng rng = new Rng(context);
            for (int layer = 0; layer < m.layers(); layer++) {
                cache.appendRaw(layer, Tensor.randn(rng, 1f, kv * context * headDim).data(),
                        Tensor.randn(rng, 1f, kv * context * headDim).data(), context);
            }
            cache.advance(context);
            int[] token = {1};
            double best = Timing.best(1, 3, () -> {
                cache.truncate(context);
                try (var noGrad = GradMode.disabled()) {
                    for (int i = 0; i < steps; i++) {
                        lm.logitsCached(Indices.of(token, 1, 1), cache);
                    }
                }
            });
            out.printf(Locale.ROOT, "context %,8d: %8.1f tokens/s  (KV cache %.0f MB)%n", context, steps / best,
                    lm.cacheBytes(1, context) / 1e6);
        }
        TransformerLm mqa = model(cfg, 1, 1 << 20);
        long bytes = mqa.cacheBytes(1, 1 << 20);
        out.printf(Locale.ROOT, "1M-token cache with one key/value head: 2 · %d layers · 1 · %d · 1,048,576 · 4 B = %.2f GiB; ",
                m.layers(), headDim, bytes / (double) (1L << 30));
        try {
            mqa.newCache(1, 1 << 20);
            out.println("allocated");
        } catch (IllegalArgumentException e) {
            out.println("refused: " + e.getMessage());
        }
    }

    private static TransformerLm model(LmRunConfig cfg, int kvHeads, int context) {
        LmRunConfig.Model m = cfg.model();
        return new TransformerLm(m.lmConfig(cfg.data().vocabSize()).withAttention(new AttentionShape(m.heads(), kvHeads,
                AttentionShape.Kind.BLOCKWISE, m.window()), m.seqLen(), context, false), new Rng(0));
    }
}
