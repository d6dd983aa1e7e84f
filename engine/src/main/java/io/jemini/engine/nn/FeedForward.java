package io.jemini.engine.nn;

import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;

/** The position-wise feed-forward part of a transformer block. */
public interface FeedForward {
    Tensor forward(Tensor x);

    /**
     * The forward pass within a context: sparse layers draw router noise from it and report their
     * {@link Auxiliary} losses and metrics to it.
     */
    default Tensor forward(Tensor x, ForwardContext context) {
        return forward(x);
    }

    /** Called after each optimizer step (auxiliary-loss-free balancing updates its bias here). */
    default void afterStep() {
    }

    /** {@code "gelu"} (two-layer GELU MLP) or {@code "swiglu"}. */
    static Module create(String kind, int dim, int hidden, Rng rng) {
        return switch (kind) {
            case "gelu" -> new Mlp(dim, hidden, rng);
            case "swiglu" -> new SwiGlu(dim, hidden, rng);
            default -> throw new IllegalArgumentException("feed-forward '" + kind + "' is not known; allowed: gelu, swiglu");
        };
    }

    /** Builds the feed-forward of block {@code layer}; lets other modules (MoE) replace the dense one. */
    @FunctionalInterface
    interface Factory {
        Module create(int layer, int dim, Rng rng);
    }
}
