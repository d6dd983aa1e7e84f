package io.jemini.engine.ops;

import io.jemini.engine.autograd.Graph;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import io.jemini.kernels.DropoutKernels;

/** Dropout with a counter-based mask drawn from an explicit generator. */
public final class Regularization {
    private Regularization() {
    }

    /**
     * Zeroes each element with probability {@code p} and scales the rest by {@code 1/(1-p)};
     * takes one value from {@code rng}, so the mask is reproducible from the generator's state.
     */
    public static Tensor dropout(Tensor x, float p, Rng rng) {
        if (!(p >= 0.0f && p < 1.0f)) {
            throw new IllegalArgumentException("dropout: probability " + p + " is outside [0, 1)");
        }
        if (p == 0.0f) {
            return x;
        }
        long seed = rng.nextLong();
        Tensor y = Tensor.zeros(x.shape());
        Parallel.run(x.numel(), 4, (lo, hi) -> DropoutKernels.apply(x.data(), y.data(), seed, p, 0, lo, hi));
        return Graph.record("dropout", y, new Tensor[] {x}, g -> Parallel.run(g.length, 4,
                (lo, hi) -> DropoutKernels.apply(g, x.gradBuffer(), seed, p, 1, lo, hi)));
    }
}
