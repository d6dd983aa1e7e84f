package io.jemini.engine.ops;

import io.jemini.engine.autograd.Graph;
import io.jemini.engine.launch.Parallel;
import io.jemini.engine.launch.SoftmaxLaunch;
import io.jemini.engine.tensor.Shape;
import io.jemini.engine.tensor.Tensor;
import io.jemini.kernels.jvm.VectorSoftmax;

/** Softmax, log-softmax and logsumexp over any axis. */
public final class Softmaxes {
    private Softmaxes() {
    }

    /** A kernel's launch over lines of a {@code [outer, r, inner]} view: {@code (lines, cost, x, y, r, inner)}. */
    @FunctionalInterface
    private interface LineKernel {
        void launch(int count, int costPerItem, float[] x, float[] y, int r, int inner);
    }

    /** A backward kernel's launch reading the saved output: {@code (lines, cost, y, dy, dx, r, inner)}. */
    @FunctionalInterface
    private interface LineBackward {
        void launch(int count, int costPerItem, float[] y, float[] dy, float[] dx, int r, int inner);
    }

    /** Softmax along {@code axis}: on the JVM backend with vectorised exponentials that keep the portable kernel's bits. */
    public static Tensor softmax(Tensor x, int axis) {
        return alongAxis("softmax", x, axis, (count, cost, in, y, r, inner) -> Parallel.jvmOrDevice(count, cost,
                (lo, hi) -> VectorSoftmax.forward(in, y, r, inner, lo, hi),
                () -> SoftmaxLaunch.softmax(count, cost, in, y, r, inner)), SoftmaxLaunch::softmaxBackward);
    }

    public static Tensor logSoftmax(Tensor x, int axis) {
        return alongAxis("log_softmax", x, axis, SoftmaxLaunch::logSoftmax, SoftmaxLaunch::logSoftmaxBackward);
    }

    private static Tensor alongAxis(String op, Tensor x, int axis, LineKernel forward, LineBackward backward) {
        Shape s = x.shape();
        int a = s.normalizeAxis(axis);
        int r = s.dim(a);
        int inner = s.inner(a);
        int lines = s.outer(a) * inner;
        Tensor y = Tensor.zeros(s);
        forward.launch(lines, 3 * r, x.buffer(), y.buffer(), r, inner);
        return Graph.record(op, y, new Tensor[] {x},
                g -> backward.launch(lines, 2 * r, y.buffer(), g, x.gradBuffer(), r, inner), y);
    }

    public static Tensor logSumExp(Tensor x, int axis, boolean keepDim) {
        Shape s = x.shape();
        int a = s.normalizeAxis(axis);
        int r = s.dim(a);
        int inner = s.inner(a);
        int lines = s.outer(a) * inner;
        Tensor y = Tensor.zeros(keepDim ? s.with(a, 1) : s.without(a));
        SoftmaxLaunch.logSumExp(lines, 2 * r, x.buffer(), y.buffer(), r, inner);
        return Graph.record("logsumexp", y, new Tensor[] {x}, g -> SoftmaxLaunch.logSumExpBackward(lines, 2 * r,
                x.buffer(), y.buffer(), g, x.gradBuffer(), r, inner),
                x, y);
    }
}
