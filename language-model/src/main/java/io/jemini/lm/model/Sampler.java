package io.jemini.lm.model;

import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.nn.KvCache;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import java.util.Arrays;

/**
 * Autoregressive generation from a {@link TransformerLm}: temperature and top-k sampling (greedy
 * at temperature 0), with a KV cache or, for reference, by re-running the whole sequence.
 */
public final class Sampler {
    private Sampler() {
    }

    /** Returns the {@code n} tokens generated after {@code prompt} (which must not be empty). */
    public static int[] generate(TransformerLm lm, int[] prompt, int n, double temperature, int topK, Rng rng,
                                 boolean useCache) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("generation needs a prompt of at least one token");
        }
        if (prompt.length + n > lm.contextLimit()) {
            throw new IllegalArgumentException("prompt of " + prompt.length + " tokens plus " + n
                    + " new ones exceeds the model's context limit of " + lm.contextLimit());
        }
        int[] seq = Arrays.copyOf(prompt, prompt.length + n);
        try (var noGrad = GradMode.disabled()) {
            KvCache cache = useCache ? lm.newCache(1, prompt.length + n) : null;
            int len = prompt.length;
            int fed = 0;
            for (int i = 0; i < n; i++) {
                Tensor logits;
                if (useCache) {
                    logits = lm.logitsCached(Indices.of(Arrays.copyOfRange(seq, fed, len), 1, len - fed), cache);
                    fed = len;
                } else {
                    logits = lm.logits(Indices.of(Arrays.copyOf(seq, len), 1, len));
                }
                int vocab = logits.dim(-1);
                float[] last = Arrays.copyOfRange(logits.data(), logits.numel() - vocab, logits.numel());
                seq[len++] = pick(last, temperature, topK, rng);
            }
        }
        return Arrays.copyOfRange(seq, prompt.length, seq.length);
    }

    /** The greedy choice: the index of the largest logit, the lowest one on ties. */
    public static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Greedy (lowest index on ties) at temperature 0; else samples among the top-k (all when
     * k = 0), ranked by logit then index. The ranking sorts primitive keys — the logit's bits
     * made order-preserving and inverted, above the index — so no per-token boxing.
     */
    public static int pick(float[] logits, double temperature, int topK, Rng rng) {
        if (temperature == 0) {
            return argmax(logits);
        }
        long[] order = new long[logits.length];
        for (int i = 0; i < order.length; i++) {
            int bits = Float.floatToIntBits(logits[i]);
            int sortable = bits ^ ((bits >> 31) & 0x7FFFFFFF);
            order[i] = ((long) ~sortable << 32) | i;
        }
        Arrays.sort(order);
        int k = topK <= 0 ? logits.length : Math.min(topK, logits.length);
        double max = logits[(int) order[0]];
        double[] p = new double[k];
        double total = 0;
        for (int i = 0; i < k; i++) {
            p[i] = Math.exp((logits[(int) order[i]] - max) / temperature);
            total += p[i];
        }
        double u = rng.nextDouble() * total;
        for (int i = 0; i < k; i++) {
            u -= p[i];
            if (u < 0) {
                return (int) order[i];
            }
        }
        return (int) order[k - 1];
    }
}
