package io.jemini.engine.nn;

import io.jemini.engine.tensor.Tensor;

/**
 * Keys and values of past positions for incremental decoding, one pair per layer, each
 * {@code [B, heads, T, headDim]}. Used without gradients.
 */
public final class KvCache {
    private final Tensor[] keys;
    private final Tensor[] values;
    private int length;

    public KvCache(int layers) {
        this.keys = new Tensor[layers];
        this.values = new Tensor[layers];
    }

    /** Number of cached positions. */
    public int length() {
        return length;
    }

    Tensor keys(int layer) {
        return keys[layer];
    }

    Tensor values(int layer) {
        return values[layer];
    }

    void set(int layer, Tensor k, Tensor v) {
        keys[layer] = k;
        values[layer] = v;
    }

    /** Called once all layers have appended {@code added} positions. */
    public void advance(int added) {
        length += added;
    }
}
