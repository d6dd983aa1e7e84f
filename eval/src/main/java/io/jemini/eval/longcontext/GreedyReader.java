package io.jemini.eval.longcontext;

import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.lm.TransformerLm;
import io.jemini.engine.nn.KvCache;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.tensor.Tensor;
import java.util.Arrays;

/**
 * Reads a long prompt into a model's KV cache in chunks (memory linear in its length) and
 * answers questions after it by greedy decoding; several questions can share one prefix.
 */
public final class GreedyReader {
    /** Tokens fed per prefill step. */
    public static final int CHUNK = 512;

    private final TransformerLm lm;
    private final KvCache cache;
    private float[] lastLogits;

    /** A reader whose cache holds up to {@code capacity} positions (checked against the context and the heap). */
    public GreedyReader(TransformerLm lm, int capacity) {
        this.lm = lm;
        this.cache = lm.newCache(1, capacity);
    }

    /** Appends {@code tokens} to the cache; calls {@code perToken} with each position's next-token logits when not null. */
    public void read(int[] tokens, LogitsSink perToken) {
        try (var noGrad = GradMode.disabled()) {
            for (int start = 0; start < tokens.length; start += CHUNK) {
                int n = Math.min(CHUNK, tokens.length - start);
                Tensor logits = lm.logitsCached(Indices.of(Arrays.copyOfRange(tokens, start, start + n), 1, n), cache);
                int vocab = logits.dim(-1);
                if (perToken != null) {
                    for (int i = 0; i < n; i++) {
                        perToken.accept(start + i, logits.data(), i * vocab, vocab);
                    }
                }
                lastLogits = Arrays.copyOfRange(logits.data(), (n - 1) * vocab, n * vocab);
            }
        }
    }

    /** Receives one position's logits: {@code logits[offset .. offset + vocab)}. */
    @FunctionalInterface
    public interface LogitsSink {
        void accept(int position, float[] logits, int offset, int vocab);
    }

    /** Greedily decodes {@code n} tokens after what was read. */
    public int[] greedy(int n) {
        int[] out = new int[n];
        try (var noGrad = GradMode.disabled()) {
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int t = 1; t < lastLogits.length; t++) {
                    if (lastLogits[t] > lastLogits[best]) {
                        best = t;
                    }
                }
                out[i] = best;
                if (i + 1 < n) {
                    read(new int[] {best}, null);
                }
            }
        }
        return out;
    }

    public int length() {
        return cache.length();
    }

    /** Forgets everything read after the first {@code length} positions. */
    public void rewind(int length) {
        cache.truncate(length);
    }
}
