package io.jemini.engine.nn;

import io.jemini.engine.tensor.Tensor;

/** The position-wise feed-forward part of a transformer block. */
public interface FeedForward {
    Tensor forward(Tensor x);

    /** {@code "gelu"} (two-layer GELU MLP) or {@code "swiglu"}. */
    static Module create(String kind, int dim, int hidden, io.jemini.engine.random.Rng rng) {
        return switch (kind) {
            case "gelu" -> new Mlp(dim, hidden, rng);
            case "swiglu" -> new SwiGlu(dim, hidden, rng);
            default -> throw new IllegalArgumentException("feed-forward '" + kind + "' is not known; allowed: gelu, swiglu");
        };
    }
}
