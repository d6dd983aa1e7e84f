package io.jemini.lm.data;

import io.jemini.engine.ops.Indices;
import io.jemini.engine.random.Rng;

/**
 * A token stream cut into windows of {@code seq + 1} tokens (documents packed back to back,
 * separated by end-of-text), visited in an order shuffled afresh each epoch from the seed. The
 * position is (epoch, index within the epoch), so a restored stream continues exactly.
 */
public final class PackedTokens implements BatchSource, HeldOut {
    private final int[] tokens;
    private final long seed;
    private long epoch;
    private long index;
    private int[] order;
    private int orderSeq = -1;

    public PackedTokens(int[] tokens, long seed) {
        this.tokens = tokens;
        this.seed = seed;
    }

    public int[] tokens() {
        return tokens;
    }

    /** Number of whole windows of {@code seq + 1} tokens (consecutive windows share one token). */
    public int windows(int seq) {
        return Math.max(0, (tokens.length - 1) / seq);
    }

    @Override
    public Indices[] next(int batch, int seq) {
        int n = windows(seq);
        if (n < 1) {
            throw new IllegalArgumentException("the data has " + tokens.length + " tokens, fewer than one window of "
                    + (seq + 1));
        }
        int[] in = new int[batch * seq];
        int[] target = new int[batch * seq];
        for (int b = 0; b < batch; b++) {
            if (index >= n) {
                epoch++;
                index = 0;
                order = null;
            }
            if (order == null || orderSeq != seq) {
                order = permutation(n, epoch);
                orderSeq = seq;
            }
            int start = order[(int) index++] * seq;
            System.arraycopy(tokens, start, in, b * seq, seq);
            System.arraycopy(tokens, start + 1, target, b * seq, seq);
        }
        return new Indices[] {Indices.of(in, batch, seq), Indices.of(target, batch, seq)};
    }

    private int[] permutation(int n, long ep) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        Rng rng = new Rng(seed ^ (ep * 0x9E3779B97F4A7C15L));
        rng.shuffle(p);
        return p;
    }

    @Override
    public int batches(int batch, int seq) {
        return windows(seq) / batch;
    }

    /** Windows {@code i*batch … i*batch+batch-1} in stream order, unshuffled: for evaluation. */
    @Override
    public Indices[] batch(int i, int batch, int seq) {
        int[] in = new int[batch * seq];
        int[] target = new int[batch * seq];
        for (int b = 0; b < batch; b++) {
            int start = (i * batch + b) * seq;
            System.arraycopy(tokens, start, in, b * seq, seq);
            System.arraycopy(tokens, start + 1, target, b * seq, seq);
        }
        return new Indices[] {Indices.of(in, batch, seq), Indices.of(target, batch, seq)};
    }

    @Override
    public long[] position() {
        return new long[] {epoch, index};
    }

    @Override
    public void seek(long[] position) {
        epoch = position[0];
        index = position[1];
        order = null;
    }
}
