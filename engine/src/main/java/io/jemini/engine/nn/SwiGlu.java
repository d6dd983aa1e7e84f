package io.jemini.engine.nn;

import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;

/** The gated SiLU feed-forward of Llama: {@code down(silu(gate(x)) * up(x))}, no biases. */
public final class SwiGlu extends Module implements FeedForward {
    private final Linear gate;
    private final Linear up;
    private final Linear down;

    public SwiGlu(int dim, int hidden, Rng rng) {
        this.gate = child("gate", new Linear(dim, hidden, false, rng));
        this.up = child("up", new Linear(dim, hidden, false, rng));
        this.down = child("down", new Linear(hidden, dim, false, rng));
    }

    @Override
    public Tensor forward(Tensor x) {
        return down.forward(gate.forward(x).silu().mul(up.forward(x)));
    }
}
