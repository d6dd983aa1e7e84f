package io.jemini.engine.ops;

import io.jemini.engine.autograd.Graph;
import io.jemini.engine.launch.Parallel;
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

    /** A JVM kernel over elements {@code [lo, hi)}, {@code out = f(in)}. */
    @FunctionalInterface
    interface ForwardRange {
        void apply(float[] in, float[] out, int lo, int hi);
    }

    /** A JVM backward kernel over elements {@code [lo, hi)}. */
    @FunctionalInterface
    interface BackwardRange {
        void apply(float[] saved, float[] dy, float[] dx, int lo, int hi);
    }

    /** {@code vector} split over the JVM backend's threads, or {@code launch} when a device is installed. */
    static Forward onJvm(ForwardRange vector, Forward launch) {
        return (count, cost, in, out) -> Parallel.jvmOrDevice(count, cost, (lo, hi) -> vector.apply(in, out, lo, hi),
                () -> launch.launch(count, cost, in, out));
    }

    /** The backward counterpart of {@link #onJvm(ForwardRange, Forward)}. */
    static Backward onJvm(BackwardRange vector, Backward launch) {
        return (count, cost, saved, dy, dx) -> Parallel.jvmOrDevice(count, cost,
                (lo, hi) -> vector.apply(saved, dy, dx, lo, hi), () -> launch.launch(count, cost, saved, dy, dx));
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
