package io.jemini.lm.training;

import io.jemini.engine.nn.Auxiliary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates layers' auxiliary metrics between two metrics records: each metric is averaged over
 * the steps, per-expert loads are summed, and the load imbalance (max / mean) of the summed load
 * is added.
 */
public final class LayerMetrics {
    private final Map<String, Map<String, double[]>> sums = new LinkedHashMap<>();
    private final Map<String, long[]> loads = new LinkedHashMap<>();
    private int steps;

    public void add(List<Auxiliary> aux) {
        for (Auxiliary a : aux) {
            Map<String, double[]> m = sums.computeIfAbsent(a.layer(), k -> new LinkedHashMap<>());
            a.metrics().forEach((name, v) -> m.computeIfAbsent(name, k -> new double[1])[0] += v);
            if (a.load() != null) {
                long[] l = loads.computeIfAbsent(a.layer(), k -> new long[a.load().length]);
                for (int i = 0; i < l.length; i++) {
                    l[i] += a.load()[i];
                }
            }
        }
        steps++;
    }

    public boolean isEmpty() {
        return sums.isEmpty();
    }

    /** The averages since the last drain, as {@code layer -> metric -> value}, and resets. */
    public Map<String, Object> drain() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, double[]>> layer : sums.entrySet()) {
            Map<String, Object> m = new LinkedHashMap<>();
            layer.getValue().forEach((name, v) -> m.put(name, v[0] / steps));
            long[] load = loads.get(layer.getKey());
            if (load != null) {
                long max = 0;
                double mean = 0;
                for (long l : load) {
                    max = Math.max(max, l);
                    mean += (double) l / load.length;
                }
                m.put("load", load.clone());
                m.put("imbalance", mean == 0 ? 0 : max / mean);
            }
            out.put(layer.getKey(), m);
        }
        sums.clear();
        loads.clear();
        steps = 0;
        return out;
    }
}
