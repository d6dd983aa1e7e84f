package io.jemini.engine.nn;

import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;

/** Two linear layers with an exact GELU between them: {@code fc2(gelu(fc1(x)))}. */
public final class Mlp extends Module implements FeedForward {
    private final Linear fc1;
    private final Linear fc2;

    public Mlp(int dim, int hidden, Rng rng) {
        this.fc1 = child("fc1", new Linear(dim, hidden, true, rng));
        this.fc2 = child("fc2", new Linear(hidden, dim, true, rng));
    }

    @Override
    public Tensor forward(Tensor x) {
        return fc2.forward(fc1.forward(x).gelu());
    }
}
