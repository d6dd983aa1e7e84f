package io.jemini.engine.ops;

import io.jemini.engine.autograd.Graph;
import io.jemini.engine.tensor.Shape;
import io.jemini.engine.tensor.Tensor;
import io.jemini.kernels.BinaryKernels;
import io.jemini.kernels.ReduceKernels;

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
        Parallel.run(outShape.numel(), r, (lo, hi) -> ReduceKernels.sum(x.data(), y.data(), r, inner, scale, lo, hi));
        return Graph.record(op, y, new Tensor[] {x}, g -> Parallel.run(x.numel(), 1,
                (lo, hi) -> ReduceKernels.sumBackward(g, x.gradBuffer(), r, inner, scale, lo, hi)));
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
        Parallel.run(arg.length, r, (lo, hi) -> ReduceKernels.extreme(x.data(), y.data(), arg, r, inner, sign, lo, hi));
        return Graph.record(op, y, new Tensor[] {x}, g -> Parallel.run(arg.length, 1,
                (lo, hi) -> ReduceKernels.extremeBackward(g, arg, x.gradBuffer(), r, inner, lo, hi)));
    }

    /** The sum of all elements as a scalar (fixed block order, so deterministic). */
    public static Tensor sumAll(Tensor x) {
        return total("sum", x, 1.0f);
    }

    public static Tensor meanAll(Tensor x) {
        return total("mean", x, 1.0f / x.numel());
    }

    private static Tensor total(String op, Tensor x, float scale) {
        Tensor y = Tensor.scalar((float) (sumOf(x.data()) * scale));
        return Graph.record(op, y, new Tensor[] {x}, g -> {
            float[] dx = x.gradBuffer();
            Parallel.run(dx.length, 1, (lo, hi) -> ReduceKernels.sumBackward(g, dx, x.numel(), 1, scale, lo, hi));
        });
    }

    /** A kernel writing per-block partial sums: {@code (x, n, block, partial, lo, hi)}. */
    @FunctionalInterface
    private interface BlockKernel {
        void run(float[] x, int n, int block, double[] partial, int lo, int hi);
    }

    /** Deterministic double-precision sum of an array. */
    public static double sumOf(float[] x) {
        return blocked(x, ReduceKernels::blockSums);
    }

    /** Deterministic double-precision sum of squares of an array. */
    public static double sumOfSquares(float[] x) {
        return blocked(x, ReduceKernels::blockSumSquares);
    }

    /** Block partials computed in parallel, then added in block order. */
    private static double blocked(float[] x, BlockKernel kernel) {
        int blocks = (x.length + BLOCK - 1) / BLOCK;
        double[] partial = new double[blocks];
        Parallel.run(blocks, BLOCK, (lo, hi) -> kernel.run(x, x.length, BLOCK, partial, lo, hi));
        double s = 0.0;
        for (double p : partial) {
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
        Parallel.run(dst.length, 1, (lo, hi) -> BinaryKernels.axpy(alpha, reduced, dst, lo, hi));
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
                Parallel.run(dst.length, r, (lo, hi) -> ReduceKernels.sum(src, dst, r, inner, 1.0f, lo, hi));
                acc = dst;
                cur[d] = 1;
            }
        }
        return acc;
    }
}
