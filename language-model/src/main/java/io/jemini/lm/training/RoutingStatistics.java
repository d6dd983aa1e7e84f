package io.jemini.lm.training;

import io.jemini.engine.nn.Auxiliary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The experts' figures of one micro-batch (each layer's metrics and routed load) as the flat
 * vector a step sums over its micro-batches, and that sum back as the layers' figures for the
 * whole step: metrics averaged over the micro-batches, loads added. The balancing bias and the
 * logged routing statistics then see the whole batch, however it was split.
 */
public final class RoutingStatistics {
    private record Layer(String name, List<String> metrics, int loadLength) {
    }

    private List<Layer> layout = List.of();
    private int length;

    /** {@code aux} of one of {@code parts} micro-batches as its share of the step's vector. */
    public double[] encode(List<Auxiliary> aux, int parts) {
        List<Layer> layers = new ArrayList<>();
        int size = 0;
        for (Auxiliary a : aux) {
            Layer layer = new Layer(a.layer(), List.copyOf(a.metrics().keySet()), a.load() == null ? -1 : a.load().length);
            layers.add(layer);
            size += layer.metrics().size() + Math.max(0, layer.loadLength());
        }
        layout = layers;
        length = size;
        double[] out = new double[size];
        int i = 0;
        for (Auxiliary a : aux) {
            for (double v : a.metrics().values()) {
                out[i++] = parts == 1 ? v : v / parts;
            }
            if (a.load() != null) {
                for (int l : a.load()) {
                    out[i++] = l;
                }
            }
        }
        return out;
    }

    /** How many values the last {@link #encode} wrote. */
    public int length() {
        return length;
    }

    /** The step's summed vector as one figure per layer (no loss tensors, no choices). */
    public List<Auxiliary> decode(double[] summed) {
        List<Auxiliary> out = new ArrayList<>();
        int i = 0;
        for (Layer layer : layout) {
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (String m : layer.metrics()) {
                metrics.put(m, summed[i++]);
            }
            int[] load = null;
            if (layer.loadLength() >= 0) {
                load = new int[layer.loadLength()];
                for (int e = 0; e < load.length; e++) {
                    load[e] = (int) summed[i++];
                }
            }
            out.add(new Auxiliary(layer.name(), null, metrics, load, null));
        }
        if (i != summed.length) {
            throw new IllegalStateException("routing statistics of " + summed.length + " values do not match the layers' "
                    + i);
        }
        return out;
    }
}
