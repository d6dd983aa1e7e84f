package io.jemini.engine.nn;

import io.jemini.engine.launch.Host;
import io.jemini.engine.tensor.Tensor;

/**
 * Keys (already rotated) and values of past positions for incremental decoding: one buffer pair
 * per layer, {@code [B, kvHeads, capacity, headDim]} floats allocated once, filled in place as
 * positions are appended. Bytes: {@code 2 · layers · B · kvHeads · headDim · capacity · 4}.
 */
public final class KvCache {
    private final float[][] keys;
    private final float[][] values;
    private final int batch;
    private final int kvHeads;
    private final int headDim;
    private final int capacity;
    private int length;

    public KvCache(int layers, int batch, int kvHeads, int headDim, int capacity) {
        long floats = (long) batch * kvHeads * headDim * capacity;
        if (floats > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a KV cache layer of " + floats + " floats exceeds the largest Java array; "
                    + "use fewer positions, a smaller batch or fewer key/value heads");
        }
        this.keys = new float[layers][];
        this.values = new float[layers][];
        for (int l = 0; l < layers; l++) {
            keys[l] = new float[(int) floats];
            values[l] = new float[(int) floats];
        }
        this.batch = batch;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.capacity = capacity;
    }

    /** The bytes a cache of these dimensions takes. */
    public static long bytes(int layers, int batch, int kvHeads, int headDim, long capacity) {
        return 2L * layers * batch * kvHeads * headDim * capacity * Float.BYTES;
    }

    /** Number of cached positions. */
    public int length() {
        return length;
    }

    public int capacity() {
        return capacity;
    }

    float[] keys(int layer) {
        return keys[layer];
    }

    float[] values(int layer) {
        return values[layer];
    }

    /** Writes {@code k}, {@code v} {@code [B, kvHeads, T, headDim]} at positions {@code length …} of this layer. */
    void append(int layer, Tensor k, Tensor v) {
        int t = k.dim(2);
        if (k.dim(0) != batch || k.dim(1) != kvHeads || k.dim(3) != headDim || length + t > capacity) {
            throw new IllegalArgumentException("KV cache of " + capacity + " positions holds " + length + "; cannot append "
                    + k.shape());
        }
        float[] kd = k.read();
        float[] vd = v.read();
        float[] kc = Host.write(keys[layer]);
        float[] vc = Host.write(values[layer]);
        for (int bh = 0; bh < batch * kvHeads; bh++) {
            System.arraycopy(kd, bh * t * headDim, kc, (bh * capacity + length) * headDim, t * headDim);
            System.arraycopy(vd, bh * t * headDim, vc, (bh * capacity + length) * headDim, t * headDim);
        }
    }

    /** Forgets every position from {@code length} on (e.g. to ask another question after a shared prefix). */
    public void truncate(int length) {
        if (length < 0 || length > this.length) {
            throw new IllegalArgumentException("cannot truncate a cache of " + this.length + " positions to " + length);
        }
        this.length = length;
    }

    /**
     * Appends {@code t} positions to layer {@code layer} from raw {@code [B, kvHeads, t, headDim]}
     * arrays (already rotated keys), e.g. a saved prefix; call {@link #advance} once every layer has them.
     */
    public void appendRaw(int layer, float[] keys, float[] values, int t) {
        Tensor k = Tensor.of(keys, batch, kvHeads, t, headDim);
        append(layer, k, Tensor.of(values, batch, kvHeads, t, headDim));
    }

    /** Called once all layers have appended {@code added} positions. */
    public void advance(int added) {
        length += added;
    }
}
