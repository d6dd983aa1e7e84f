package io.jemini.engine.nn;

import io.jemini.engine.config.ConfigChoice;
import io.jemini.engine.tensor.Tensor;

/** A normalisation layer over the last dimension (LayerNorm or RMSNorm). */
public interface Norm {
    Tensor forward(Tensor x);

    /** Which normalisation ({@code model.norm}). */
    enum Kind implements ConfigChoice {
        RMS, LAYER
    }

    static Module create(Kind kind, int dim, float eps) {
        return switch (kind) {
            case LAYER -> new LayerNorm(dim, eps);
            case RMS -> new RMSNorm(dim, eps);
        };
    }
}
