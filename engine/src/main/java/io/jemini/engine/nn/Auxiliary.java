package io.jemini.engine.nn;

import io.jemini.engine.tensor.Tensor;
import java.util.Map;

/**
 * What a layer adds to a training step besides its output: a weighted loss term to add to the
 * objective, and metrics to log under the layer's name (for MoE: load, drop rate, router entropy).
 *
 * @param load    per-expert routed counts, or null
 * @param choices the expert each input row chose, {@code [rows, k]} row-major (before any dropping), or null
 */
public record Auxiliary(String layer, Tensor loss, Map<String, Double> metrics, int[] load, int[] choices) {
    /** {@code objective} plus every auxiliary loss term. */
    public static Tensor addTo(Tensor objective, java.util.List<Auxiliary> aux) {
        Tensor total = objective;
        for (Auxiliary a : aux) {
            total = total.add(a.loss());
        }
        return total;
    }
}
