package io.jemini.engine.ops;

import io.jemini.engine.autograd.Graph;
import io.jemini.engine.tensor.Shape;
import io.jemini.engine.tensor.Tensor;
import io.jemini.kernels.SoftmaxKernels;

/** Softmax, log-softmax and logsumexp over any axis. */
public final class Softmaxes {
    private Softmaxes() {
    }

    /** A kernel over lines of a {@code [outer, r, inner]} view: {@code (x, y, r, inner, lo, hi)}. */
    @FunctionalInterface
    private interface LineKernel {
        void run(float[] x, float[] y, int r, int inner, int lo, int hi);
    }

    /** A backward kernel reading the saved output: {@code (y, dy, dx, r, inner, lo, hi)}. */
    @FunctionalInterface
    private interface LineBackward {
        void run(float[] y, float[] dy, float[] dx, int r, int inner, int lo, int hi);
    }

    public static Tensor softmax(Tensor x, int axis) {
        return alongAxis("softmax", x, axis, SoftmaxKernels::softmax, SoftmaxKernels::softmaxBackward);
    }

    public static Tensor logSoftmax(Tensor x, int axis) {
        return alongAxis("log_softmax", x, axis, SoftmaxKernels::logSoftmax, SoftmaxKernels::logSoftmaxBackward);
    }

    private static Tensor alongAxis(String op, Tensor x, int axis, LineKernel forward, LineBackward backward) {
        Shape s = x.shape();
        int a = s.normalizeAxis(axis);
        int r = s.dim(a);
        int inner = s.inner(a);
        int lines = s.outer(a) * inner;
        Tensor y = Tensor.zeros(s);
        Parallel.run(lines, 3 * r, (lo, hi) -> forward.run(x.data(), y.data(), r, inner, lo, hi));
        return Graph.record(op, y, new Tensor[] {x}, g -> Parallel.run(lines, 2 * r,
                (lo, hi) -> backward.run(y.data(), g, x.gradBuffer(), r, inner, lo, hi)), y);
    }

    public static Tensor logSumExp(Tensor x, int axis, boolean keepDim) {
        Shape s = x.shape();
        int a = s.normalizeAxis(axis);
        int r = s.dim(a);
        int inner = s.inner(a);
        int lines = s.outer(a) * inner;
        Tensor y = Tensor.zeros(keepDim ? s.with(a, 1) : s.without(a));
        Parallel.run(lines, 2 * r, (lo, hi) -> SoftmaxKernels.logSumExp(x.data(), y.data(), r, inner, lo, hi));
        return Graph.record("logsumexp", y, new Tensor[] {x}, g -> Parallel.run(lines, 2 * r,
                (lo, hi) -> SoftmaxKernels.logSumExpBackward(x.data(), y.data(), g, x.gradBuffer(), r, inner, lo, hi)),
                x, y);
    }
}
