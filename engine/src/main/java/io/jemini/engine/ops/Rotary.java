package io.jemini.engine.ops;

import io.jemini.engine.autograd.Graph;
import io.jemini.engine.tensor.ShapeException;
import io.jemini.engine.tensor.Tensor;
import io.jemini.kernels.RotaryKernels;

/**
 * Rotary position embedding (RoPE, "rotate half" layout as in Llama/GPT-NeoX) for tensors
 * {@code [..., T, D]}, with cos/sin tables precomputed for a maximum position.
 */
public final class Rotary {
    private final int dim;
    private final int maxPositions;
    private final float[] cos;
    private final float[] sin;

    /** Frequencies {@code base^(-2i/dim)} for {@code i < dim/2}, positions {@code 0..maxPositions-1}. */
    public Rotary(int dim, int maxPositions, double base) {
        if (dim <= 0 || dim % 2 != 0) {
            throw new IllegalArgumentException("rope: head dimension " + dim + " must be positive and even");
        }
        this.dim = dim;
        this.maxPositions = maxPositions;
        int half = dim / 2;
        this.cos = new float[maxPositions * half];
        this.sin = new float[maxPositions * half];
        for (int p = 0; p < maxPositions; p++) {
            for (int i = 0; i < half; i++) {
                double freq = Math.pow(base, -2.0 * i / dim);
                double angle = p * freq;
                cos[p * half + i] = (float) Math.cos(angle);
                sin[p * half + i] = (float) Math.sin(angle);
            }
        }
    }

    public int maxPositions() {
        return maxPositions;
    }

    /** Rotates {@code x [..., T, D]} for positions {@code offset .. offset+T-1}. */
    public Tensor apply(Tensor x, int offset) {
        if (x.rank() < 2 || x.dim(-1) != dim) {
            throw new ShapeException("rope: input shape " + x.shape() + " must be [..., T, " + dim + "]");
        }
        int t = x.dim(-2);
        if (offset < 0 || offset + t > maxPositions) {
            throw new IllegalArgumentException("rope: positions " + offset + ".." + (offset + t - 1)
                    + " exceed the table of " + maxPositions + " positions");
        }
        int rows = x.numel() / dim;
        Tensor y = Tensor.zeros(x.shape());
        Parallel.run(rows, 3 * dim, (lo, hi) ->
                RotaryKernels.rotate(x.data(), y.data(), cos, sin, t, dim, offset, 1.0f, 0, lo, hi));
        return Graph.record("rope", y, new Tensor[] {x}, g -> Parallel.run(rows, 3 * dim,
                (lo, hi) -> RotaryKernels.rotate(g, x.gradBuffer(), cos, sin, t, dim, offset, -1.0f, 1, lo, hi)));
    }
}
