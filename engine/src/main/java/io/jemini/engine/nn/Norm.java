package io.jemini.engine.nn;

import io.jemini.engine.tensor.Tensor;

/** A normalisation layer over the last dimension (LayerNorm or RMSNorm). */
public interface Norm {
    Tensor forward(Tensor x);

    /** {@code "layer"} or {@code "rms"}. */
    static Module create(String kind, int dim, float eps) {
        return switch (kind) {
            case "layer" -> new LayerNorm(dim, eps);
            case "rms" -> new RMSNorm(dim, eps);
            default -> throw new IllegalArgumentException("norm '" + kind + "' is not known; allowed: layer, rms");
        };
    }
}
