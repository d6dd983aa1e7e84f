package io.jemini.engine.nn;

import io.jemini.engine.tensor.Tensor;
import java.util.Map;

/**
 * What a layer adds to a training step besides its output: a weighted loss term to add to the
 * objective, and metrics to log under the layer's name (for MoE: load, drop rate, router entropy).
 *
 * @param load per-expert routed counts, or null
 */
public record Auxiliary(String layer, Tensor loss, Map<String, Double> metrics, int[] load) {
}
