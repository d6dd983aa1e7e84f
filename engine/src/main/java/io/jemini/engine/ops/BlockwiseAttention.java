package io.jemini.engine.ops;

import io.jemini.engine.autograd.Graph;
import io.jemini.engine.device.DeviceRuntime;
import io.jemini.engine.launch.FlashAttentionLaunch;
import io.jemini.engine.launch.Parallel;
import io.jemini.engine.tensor.ShapeException;
import io.jemini.engine.tensor.Tensor;
import io.jemini.kernels.jvm.VectorFlashAttention;

/**
 * Scaled dot-product attention in memory linear in the sequence length (online softmax; see
 * {@link FlashAttentionKernels}): causal or not, an optional sliding window, and grouped-query
 * attention when keys and values have fewer heads than queries. Saves only the output and one
 * log-sum-exp per query row for backward, which recomputes the scores.
 */
public final class BlockwiseAttention {
    private BlockwiseAttention() {
    }

    /**
     * @param q      {@code [B, Hq, Tq, D]}
     * @param k      {@code [B, Hkv, Tk, D]} with {@code Hq} a multiple of {@code Hkv}; {@code v} likewise
     * @param window with {@code causal}, each query sees only its last {@code window} keys (0: all)
     */
    public static Tensor apply(Tensor q, Tensor k, Tensor v, boolean causal, int window) {
        return apply(q, k, v, causal, window, null);
    }

    /**
     * As {@link #apply(Tensor, Tensor, Tensor, boolean, int)}, with {@code keyPadding [B, Tk]} (1
     * where the key is padding, or null): padded keys are invisible to every query, and a query
     * that sees no key gets zeros.
     */
    public static Tensor apply(Tensor q, Tensor k, Tensor v, boolean causal, int window, Tensor keyPadding) {
        check(q, k, v);
        if (window < 0) {
            throw new IllegalArgumentException("blockwise attention: window " + window + " must be >= 0 (0: no window)");
        }
        int[] padding = padding(keyPadding, q.dim(0), k.dim(2));
        int padded = keyPadding == null ? 0 : 1;
        int b = q.dim(0);
        int hq = q.dim(1);
        int hkv = k.dim(1);
        int tq = q.dim(2);
        int tk = k.dim(2);
        int d = q.dim(3);
        float scale = (float) (1.0 / Math.sqrt(d));
        int c = causal ? 1 : 0;
        int rows = b * hq * tq;
        Tensor out = Tensor.zeros(q.shape());
        float[] lse = new float[rows];
        forward(q.buffer(), k.buffer(), v.buffer(), out.buffer(), lse, rows, hq, hkv, tq, tk, tk, d, scale, c, window, padding,
                padded);
        return Graph.record("blockwise_attention", out, new Tensor[] {q, k, v}, g -> {
            float[] delta = new float[rows];
            FlashAttentionLaunch.rowDot(rows, 2 * d, g, out.buffer(), delta, d);
            if (q.requiresGrad()) {
                backwardQuery(q.buffer(), k.buffer(), v.buffer(), lse, delta, g, q.gradBuffer(), rows, hq, hkv, tq, tk, d,
                        scale, c, window, padding, padded);
            }
            if (k.requiresGrad() || v.requiresGrad()) {
                float[] dk = k.requiresGrad() ? k.gradBuffer() : new float[k.numel()];
                float[] dv = v.requiresGrad() ? v.gradBuffer() : new float[v.numel()];
                backwardKeyValue(q.buffer(), k.buffer(), v.buffer(), lse, delta, g, dk, dv, b * hkv * tk, hq, hkv, tq, tk, d,
                        scale, c, window, padding, padded);
            }
        }, q, k, v, out);
    }

    /**
     * Attention of {@code q [B, Hq, Tq, D]} over the first {@code length} rows of key and value
     * buffers {@code [B, Hkv, capacity, D]} (a KV cache), causal with the queries as the last
     * {@code Tq} positions; no gradient.
     */
    public static Tensor overCache(Tensor q, float[] keys, float[] values, int hkv, int length, int capacity, int window) {
        int b = q.dim(0);
        int hq = q.dim(1);
        int tq = q.dim(2);
        int d = q.dim(3);
        if (hkv <= 0 || hq % hkv != 0 || length < tq || length > capacity || keys.length != b * hkv * capacity * d
                || values.length != keys.length) {
            throw new ShapeException("attention over cache: q " + q.shape() + " with " + hkv + " key heads, " + length
                    + " of " + capacity + " cached positions and buffers of " + keys.length + " values");
        }
        int rows = b * hq * tq;
        Tensor out = Tensor.zeros(q.shape());
        float[] lse = new float[rows];
        float scale = (float) (1.0 / Math.sqrt(d));
        forward(q.buffer(), keys, values, out.buffer(), lse, rows, hq, hkv, tq, length, capacity, d, scale, 1, window,
                new int[0], 0);
        return out;
    }

    /** The Vector API kernels serve the JVM backend when the head size suits them; a device runs the portable ones. */
    private static boolean vectorPath(int d) {
        return DeviceRuntime.current() == null && VectorFlashAttention.supports(d);
    }

    /** The forward kernel: the Vector API path when {@link #vectorPath} allows it, else the portable one. */
    private static void forward(float[] q, float[] k, float[] v, float[] out, float[] lse, int rows, int hq, int hkv, int tq,
                                int tk, int capacity, int d, float scale, int causal, int window, int[] padding, int padded) {
        if (vectorPath(d)) {
            Parallel.run(rows, 4 * d * tk, (lo, hi) -> VectorFlashAttention.forward(q, k, v, out, lse, hq, hkv, tq, tk, capacity,
                    d, scale, causal, window, padding, padded, lo, hi));
        } else {
            FlashAttentionLaunch.forward(rows, 4 * d * tk, q, k, v, out, lse, hq, hkv, tq, tk, capacity, d, scale, causal,
                    window, padding, padded);
        }
    }

    /** Adds the query gradient, parallel over query rows (keys and values are their own cache: capacity tk). */
    private static void backwardQuery(float[] q, float[] k, float[] v, float[] lse, float[] delta, float[] dOut, float[] dq,
                                      int rows, int hq, int hkv, int tq, int tk, int d, float scale, int causal, int window,
                                      int[] padding, int padded) {
        if (vectorPath(d)) {
            Parallel.run(rows, 6 * d * tk, (lo, hi) -> VectorFlashAttention.backwardQuery(q, k, v, lse, delta, dOut, dq, hq,
                    hkv, tq, tk, tk, d, scale, causal, window, padding, padded, lo, hi));
        } else {
            FlashAttentionLaunch.backwardQuery(rows, 6 * d * tk, q, k, v, lse, delta, dOut, dq, hq, hkv, tq, tk, tk, d, scale,
                    causal, window, padding, padded);
        }
    }

    /** Adds the key and value gradients, parallel over the {@code keyRows = B·Hkv·Tk} key rows. */
    private static void backwardKeyValue(float[] q, float[] k, float[] v, float[] lse, float[] delta, float[] dOut, float[] dk,
                                         float[] dv, int keyRows, int hq, int hkv, int tq, int tk, int d, float scale,
                                         int causal, int window, int[] padding, int padded) {
        int cost = 8 * d * tq * (hq / hkv);
        if (vectorPath(d)) {
            Parallel.run(keyRows, cost, (lo, hi) -> VectorFlashAttention.backwardKeyValue(q, k, v, lse, delta, dOut, dk, dv,
                    hq, hkv, tq, tk, tk, d, scale, causal, window, padding, padded, lo, hi));
        } else {
            FlashAttentionLaunch.backwardKeyValue(keyRows, cost, q, k, v, lse, delta, dOut, dk, dv, hq, hkv, tq, tk, tk, d,
                    scale, causal, window, padding, padded);
        }
    }

    /** The key padding mask as the kernels read it: one int per key, non-zero where it is padding. */
    private static int[] padding(Tensor keyPadding, int batch, int keys) {
        if (keyPadding == null) {
            return new int[0];
        }
        if (keyPadding.rank() != 2 || keyPadding.dim(0) != batch || keyPadding.dim(1) != keys) {
            throw new ShapeException("blockwise attention: key padding mask " + keyPadding.shape() + " must be [" + batch
                    + ", " + keys + "]");
        }
        float[] mask = keyPadding.read();
        int[] padding = new int[mask.length];
        for (int i = 0; i < mask.length; i++) {
            padding[i] = mask[i] != 0 ? 1 : 0;
        }
        return padding;
    }

    private static void check(Tensor q, Tensor k, Tensor v) {
        if (q.rank() != 4 || k.rank() != 4 || v.rank() != 4 || q.dim(0) != k.dim(0) || q.dim(3) != k.dim(3)
                || !k.shape().equals(v.shape()) || k.dim(1) == 0 || q.dim(1) % k.dim(1) != 0) {
            throw new ShapeException("blockwise attention: q " + q.shape() + ", k " + k.shape() + ", v " + v.shape()
                    + " must be [B, Hq, Tq, D] and [B, Hkv, Tk, D] with Hq a multiple of Hkv");
        }
    }
}
