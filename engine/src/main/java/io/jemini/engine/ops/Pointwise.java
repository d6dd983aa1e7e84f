package io.jemini.engine.ops;

import io.jemini.engine.autograd.Graph;
import io.jemini.engine.tensor.Tensor;

/** Wires a unary forward kernel and its backward kernel into a graph-recording op. */
final class Pointwise {
    private Pointwise() {
    }

    /** A unary kernel {@code out = f(in)} over {@code [lo, hi)}. */
    @FunctionalInterface
    interface Forward {
        void run(float[] in, float[] out, int lo, int hi);
    }

    /** A unary backward kernel {@code dx += dy * f'(saved)} over {@code [lo, hi)}. */
    @FunctionalInterface
    interface Backward {
        void run(float[] saved, float[] dy, float[] dx, int lo, int hi);
    }

    /** {@code usesOutput} says whether the backward kernel reads the output rather than the input. */
    static Tensor map(String op, Tensor x, Forward forward, Backward backward, boolean usesOutput) {
        Tensor y = Tensor.zeros(x.shape());
        Parallel.run(x.numel(), 8, (lo, hi) -> forward.run(x.data(), y.data(), lo, hi));
        Tensor saved = usesOutput ? y : x;
        return Graph.record(op, y, new Tensor[] {x}, g -> Parallel.run(g.length, 8,
                (lo, hi) -> backward.run(saved.data(), g, x.gradBuffer(), lo, hi)), saved);
    }
}
