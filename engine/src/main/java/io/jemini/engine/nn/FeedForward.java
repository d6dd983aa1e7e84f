package io.jemini.engine.nn;

import io.jemini.engine.config.ConfigChoice;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import java.util.List;

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

    /**
     * Called after each optimizer step with what the layers reported over the whole step (summed
     * over its micro-batches): auxiliary-loss-free balancing updates its bias from its load here.
     */
    default void afterStep(List<Auxiliary> step) {
    }

    /** Which dense feed-forward ({@code model.ffn}): SwiGLU or a two-layer GELU MLP. */
    enum Kind implements ConfigChoice {
        SWIGLU, GELU
    }

    static Module create(Kind kind, int dim, int hidden, Rng rng) {
        return switch (kind) {
            case GELU -> new Mlp(dim, hidden, rng);
            case SWIGLU -> new SwiGlu(dim, hidden, rng);
        };
    }

    /** Builds the feed-forward of block {@code layer}; lets other modules (MoE) replace the dense one. */
    @FunctionalInterface
    interface Factory {
        Module create(int layer, int dim, Rng rng);
    }
}
