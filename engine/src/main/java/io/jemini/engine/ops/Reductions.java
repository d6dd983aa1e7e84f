package io.jemini.engine.ops;

import io.jemini.engine.autograd.Graph;
import io.jemini.engine.launch.BinaryLaunch;
import io.jemini.engine.launch.Host;
import io.jemini.engine.launch.ReduceLaunch;
import io.jemini.engine.tensor.Shape;
import io.jemini.engine.tensor.Tensor;

/** Sum, mean, max and min over an axis or over everything, with keep-dim. */
public final class Reductions {
    private static final int BLOCK = 4096;

    private Reductions() {
    }

    public static Tensor sum(Tensor x, int axis, boolean keepDim) {
        return sumScaled("sum", x, axis, keepDim, 1.0f);
    }

    public static Tensor mean(Tensor x, int axis, boolean keepDim) {
        int a = x.shape().normalizeAxis(axis);
        return sumScaled("mean", x, a, keepDim, 1.0f / x.shape().dim(a));
    }

    /** Sums over several axes (each once, in any order). */
    public static Tensor sum(Tensor x, int[] axes, boolean keepDim) {
        int[] sorted = axes.clone();
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = x.shape().normalizeAxis(sorted[i]);
        }
        java.util.Arrays.sort(sorted);
        Tensor y = x;
        for (int i = sorted.length - 1; i >= 0; i--) {
            if (i < sorted.length - 1 && sorted[i] == sorted[i + 1]) {
                throw new IllegalArgumentException("sum: axis " + sorted[i] + " listed twice in " + java.util.Arrays.toString(axes));
            }
            y = sum(y, sorted[i], keepDim);
        }
        return y;
    }

    private static Tensor sumScaled(String op, Tensor x, int axis, boolean keepDim, float scale) {
        Shape s = x.shape();
        int a = s.normalizeAxis(axis);
        int r = s.dim(a);
        int inner = s.inner(a);
        Shape outShape = keepDim ? s.with(a, 1) : s.without(a);
        Tensor y = Tensor.zeros(outShape);
        ReduceLaunch.sum(outShape.numel(), r, x.buffer(), y.buffer(), r, inner, scale);
        return Graph.record(op, y, new Tensor[] {x}, g -> ReduceLaunch.sumBackward(x.numel(), 1, g, x.gradBuffer(),
                r, inner, scale));
    }

    public static Tensor max(Tensor x, int axis, boolean keepDim) {
        return extreme("max", x, axis, keepDim, 1);
    }

    public static Tensor min(Tensor x, int axis, boolean keepDim) {
        return extreme("min", x, axis, keepDim, -1);
    }

    private static Tensor extreme(String op, Tensor x, int axis, boolean keepDim, int sign) {
        Shape s = x.shape();
        int a = s.normalizeAxis(axis);
        int r = s.dim(a);
        if (r == 0) {
            throw new IllegalArgumentException(op + ": axis " + axis + " of shape " + s + " is empty");
        }
        int inner = s.inner(a);
        Shape outShape = keepDim ? s.with(a, 1) : s.without(a);
        Tensor y = Tensor.zeros(outShape);
        int[] arg = new int[outShape.numel()];
        ReduceLaunch.extreme(arg.length, r, x.buffer(), y.buffer(), arg, r, inner, sign);
        return Graph.record(op, y, new Tensor[] {x}, g -> ReduceLaunch.extremeBackward(arg.length, 1, g, arg,
                x.gradBuffer(), r, inner));
    }

    /** The sum of all elements as a scalar (fixed block order, so deterministic). */
    public static Tensor sumAll(Tensor x) {
        return total("sum", x, 1.0f);
    }

    public static Tensor meanAll(Tensor x) {
        return total("mean", x, 1.0f / x.numel());
    }

    private static Tensor total(String op, Tensor x, float scale) {
        Tensor y = Tensor.scalar((float) (sumOf(x.buffer()) * scale));
        return Graph.record(op, y, new Tensor[] {x}, g -> {
            float[] dx = x.gradBuffer();
            ReduceLaunch.sumBackward(dx.length, 1, g, dx, x.numel(), 1, scale);
        });
    }

    /** A launch writing per-block partial sums: {@code (blocks, cost, x, n, block, partial)}. */
    @FunctionalInterface
    private interface BlockKernel {
        void launch(int count, int costPerItem, float[] x, int n, int block, double[] partial);
    }

    /** Deterministic double-precision sum of an array (a kernel argument: on a device run its values may live there). */
    public static double sumOf(float[] x) {
        return blocked(x, ReduceLaunch::blockSums);
    }

    /** Deterministic double-precision sum of squares of an array. */
    public static double sumOfSquares(float[] x) {
        return blocked(x, ReduceLaunch::blockSumSquares);
    }

    /** Block partials computed in parallel, then added in block order. */
    private static double blocked(float[] x, BlockKernel kernel) {
        int blocks = (x.length + BLOCK - 1) / BLOCK;
        double[] partial = new double[blocks];
        kernel.launch(blocks, BLOCK, x, x.length, BLOCK, partial);
        double s = 0.0;
        for (double p : Host.read(partial)) {
            s += p;
        }
        return s;
    }

    /**
     * Adds {@code alpha * g}, summed down from shape {@code from} to the target's shape (the
     * backward of broadcasting), into the target's gradient.
     */
    static void accumulateSumTo(float[] g, Shape from, Tensor target, float alpha) {
        float[] reduced = sumTo(g, from, target.shape());
        float[] dst = target.gradBuffer();
        BinaryLaunch.axpy(dst.length, 1, alpha, reduced, dst);
    }

    /** Sums {@code g} over the axes along which {@code to} was broadcast to {@code from}. */
    static float[] sumTo(float[] g, Shape from, Shape to) {
        if (from.equals(to)) {
            return g;
        }
        int rank = from.rank();
        int shift = rank - to.rank();
        int[] cur = from.dims();
        float[] acc = g;
        for (int d = 0; d < rank; d++) {
            int target = d < shift ? 1 : to.dim(d - shift);
            if (target == 1 && cur[d] != 1) {
                Shape s = Shape.of(cur);
                int r = cur[d];
                int inner = s.inner(d);
                float[] src = acc;
                float[] dst = new float[s.numel() / r];
                ReduceLaunch.sum(dst.length, r, src, dst, r, inner, 1.0f);
                acc = dst;
                cur[d] = 1;
            }
        }
        return acc;
    }
}
