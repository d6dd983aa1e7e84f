package io.jemini.engine.ops;

import io.jemini.engine.autograd.Graph;
import io.jemini.engine.launch.RotaryLaunch;
import io.jemini.engine.tensor.ShapeException;
import io.jemini.engine.tensor.Tensor;

/**
 * Rotary position embedding (RoPE, "rotate half" layout as in Llama/GPT-NeoX) for tensors
 * {@code [..., T, D]}, optionally with a {@link RopeScaling}. The cos/sin tables grow on demand
 * (doubling) up to {@code maxPositions}, so a long context limit costs memory only when used.
 */
public final class Rotary {
    private static final int INITIAL_TABLE = 4096;

    private final int dim;
    private final int maxPositions;
    private final double[] theta;
    private final double magnitude;
    private volatile float[][] tables;

    /** Frequencies {@code base^(-2i/dim)} for {@code i < dim/2}, positions {@code 0..maxPositions-1}. */
    public Rotary(int dim, int maxPositions, double base) {
        this(dim, maxPositions, base, RopeScaling.NONE);
    }

    public Rotary(int dim, int maxPositions, double base, RopeScaling scaling) {
        if (dim <= 0 || dim % 2 != 0) {
            throw new IllegalArgumentException("rope: head dimension " + dim + " must be positive and even");
        }
        this.dim = dim;
        this.maxPositions = maxPositions;
        this.theta = scaling.frequencies(dim, base);
        this.magnitude = scaling.magnitude();
        this.tables = build(Math.min(maxPositions, INITIAL_TABLE));
    }

    private float[][] build(int positions) {
        int half = dim / 2;
        float[] cos = new float[positions * half];
        float[] sin = new float[positions * half];
        for (int p = 0; p < positions; p++) {
            for (int i = 0; i < half; i++) {
                double angle = p * theta[i];
                cos[p * half + i] = (float) (magnitude * Math.cos(angle));
                sin[p * half + i] = (float) (magnitude * Math.sin(angle));
            }
        }
        return new float[][] {cos, sin};
    }

    /** Tables covering positions {@code 0..end-1}. */
    private float[][] covering(int end) {
        float[][] t = tables;
        if (t[0].length / (dim / 2) >= end) {
            return t;
        }
        synchronized (this) {
            int have = tables[0].length / (dim / 2);
            if (have < end) {
                int size = have;
                while (size < end) {
                    size = (int) Math.min(maxPositions, 2L * size);
                }
                tables = build(size);
            }
            return tables;
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
        float[][] table = covering(offset + t);
        float[] cos = table[0];
        float[] sin = table[1];
        Tensor y = Tensor.zeros(x.shape());
        RotaryLaunch.rotate(rows, 3 * dim, x.buffer(), y.buffer(), cos, sin, t, dim, offset, 1.0f, 0);
        return Graph.record("rope", y, new Tensor[] {x}, g -> RotaryLaunch.rotate(rows, 3 * dim, g, x.gradBuffer(),
                cos, sin, t, dim, offset, -1.0f, 1));
    }
}
