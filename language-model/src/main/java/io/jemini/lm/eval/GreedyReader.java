package io.jemini.lm.eval;

import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.nn.KvCache;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.tensor.Tensor;
import io.jemini.lm.model.Sampler;
import io.jemini.lm.model.TransformerLm;
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

    /** Appends {@code tokens} to the cache; hands each chunk's next-token logits to {@code perChunk} when not null. */
    public void read(int[] tokens, LogitsSink perChunk) {
        try (var noGrad = GradMode.disabled()) {
            for (int start = 0; start < tokens.length; start += CHUNK) {
                int n = Math.min(CHUNK, tokens.length - start);
                Tensor logits = lm.logitsCached(Indices.of(Arrays.copyOfRange(tokens, start, start + n), 1, n), cache);
                int vocab = logits.dim(-1);
                if (perChunk != null) {
                    perChunk.accept(start, n, logits.data(), vocab);
                }
                lastLogits = Arrays.copyOfRange(logits.data(), (n - 1) * vocab, n * vocab);
            }
        }
    }

    /** Receives the logits {@code [n, vocab]} that follow positions {@code start .. start + n - 1} of what was read. */
    @FunctionalInterface
    public interface LogitsSink {
        void accept(int start, int n, float[] logits, int vocab);
    }

    /** Greedily decodes {@code n} tokens after what was read. */
    public int[] greedy(int n) {
        int[] out = new int[n];
        try (var noGrad = GradMode.disabled()) {
            for (int i = 0; i < n; i++) {
                int best = Sampler.argmax(lastLogits);
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
