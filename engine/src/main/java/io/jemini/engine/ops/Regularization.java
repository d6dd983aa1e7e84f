package io.jemini.engine.ops;

import io.jemini.engine.autograd.Graph;
import io.jemini.engine.launch.DropoutLaunch;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;

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
        DropoutLaunch.apply(x.numel(), 4, x.buffer(), y.buffer(), seed, p, 0);
        return Graph.record("dropout", y, new Tensor[] {x}, g -> DropoutLaunch.apply(g.length, 4, g, x.gradBuffer(),
                seed, p, 1));
    }
}
