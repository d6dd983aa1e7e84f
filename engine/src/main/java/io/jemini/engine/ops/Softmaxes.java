package io.jemini.engine.ops;

import io.jemini.engine.autograd.Graph;
import io.jemini.engine.tensor.Shape;
import io.jemini.engine.tensor.Tensor;
import io.jemini.kernels.SoftmaxKernels;

/** Softmax, log-softmax and logsumexp over any axis. */
public final class Softmaxes {
    private Softmaxes() {
    }

    public static Tensor softmax(Tensor x, int axis) {
        Shape s = x.shape();
        int a = s.normalizeAxis(axis);
        int r = s.dim(a);
        int inner = s.inner(a);
        int lines = s.outer(a) * inner;
        Tensor y = Tensor.zeros(s);
        Parallel.run(lines, 3 * r, (lo, hi) -> SoftmaxKernels.softmax(x.data(), y.data(), r, inner, lo, hi));
        return Graph.record("softmax", y, new Tensor[] {x}, g -> Parallel.run(lines, 2 * r,
                (lo, hi) -> SoftmaxKernels.softmaxBackward(y.data(), g, x.gradBuffer(), r, inner, lo, hi)), y);
    }

    public static Tensor logSoftmax(Tensor x, int axis) {
        Shape s = x.shape();
        int a = s.normalizeAxis(axis);
        int r = s.dim(a);
        int inner = s.inner(a);
        int lines = s.outer(a) * inner;
        Tensor y = Tensor.zeros(s);
        Parallel.run(lines, 3 * r, (lo, hi) -> SoftmaxKernels.logSoftmax(x.data(), y.data(), r, inner, lo, hi));
        return Graph.record("log_softmax", y, new Tensor[] {x}, g -> Parallel.run(lines, 2 * r,
                (lo, hi) -> SoftmaxKernels.logSoftmaxBackward(y.data(), g, x.gradBuffer(), r, inner, lo, hi)), y);
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
