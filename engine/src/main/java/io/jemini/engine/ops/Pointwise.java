package io.jemini.engine.ops;

import io.jemini.engine.autograd.Graph;
import io.jemini.engine.tensor.Tensor;

/** Wires a unary forward kernel and its backward kernel into a graph-recording op. */
final class Pointwise {
    private Pointwise() {
    }

    /** A unary kernel's launch, {@code out = f(in)} over {@code [0, count)}. */
    @FunctionalInterface
    interface Forward {
        void launch(int count, int costPerItem, float[] in, float[] out);
    }

    /** A unary backward kernel's launch, {@code dx += dy * f'(saved)} over {@code [0, count)}. */
    @FunctionalInterface
    interface Backward {
        void launch(int count, int costPerItem, float[] saved, float[] dy, float[] dx);
    }

    /** {@code usesOutput} says whether the backward kernel reads the output rather than the input. */
    static Tensor map(String op, Tensor x, Forward forward, Backward backward, boolean usesOutput) {
        Tensor y = Tensor.zeros(x.shape());
        forward.launch(x.numel(), 8, x.buffer(), y.buffer());
        Tensor saved = usesOutput ? y : x;
        return Graph.record(op, y, new Tensor[] {x},
                g -> backward.launch(g.length, 8, saved.buffer(), g, x.gradBuffer()), saved);
    }
}
