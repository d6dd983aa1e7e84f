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
        return addTo(objective, aux, 1f);
    }

    /** {@code objective} plus every auxiliary loss term times {@code weight} (a micro-batch's share of a step's). */
    public static Tensor addTo(Tensor objective, java.util.List<Auxiliary> aux, float weight) {
        Tensor total = objective;
        for (Auxiliary a : aux) {
            total = total.add(weight == 1f ? a.loss() : a.loss().mul(weight));
        }
        return total;
    }
}
