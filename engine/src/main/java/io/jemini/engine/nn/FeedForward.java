package io.jemini.engine.nn;

import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import java.util.List;

/** The position-wise feed-forward part of a transformer block. */
public interface FeedForward {
    Tensor forward(Tensor x);

    /**
     * The forward pass that may also report an {@link Auxiliary} into {@code aux} (sparse
     * layers do; null means nobody collects); {@code rng} is the step's noise source (router
     * jitter), possibly null.
     */
    default Tensor forward(Tensor x, Rng rng, List<Auxiliary> aux) {
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
