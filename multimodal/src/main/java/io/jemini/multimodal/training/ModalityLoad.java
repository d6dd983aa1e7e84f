package io.jemini.multimodal.training;

import io.jemini.engine.launch.Host;
import io.jemini.engine.nn.Auxiliary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which experts each modality's positions choose, per MoE layer, summed between two metrics
 * records: the share of a modality's assignments that went to each expert (do experts specialise
 * by modality?).
 */
final class ModalityLoad {
    private final Map<String, long[][]> counts = new LinkedHashMap<>();
    private List<Auxiliary> layout = List.of();

    /**
     * One micro-batch's assignments as counts a step adds up over its micro-batches: per layer,
     * the text then the image assignments to each expert. {@code image[row]} says whether input
     * row {@code row} is an image patch.
     */
    double[] count(List<Auxiliary> aux, boolean[] image) {
        layout = aux.stream().filter(a -> a.choices() != null && a.load() != null).toList();
        double[] out = new double[layout.stream().mapToInt(a -> 2 * a.load().length).sum()];
        int base = 0;
        for (Auxiliary a : layout) {
            int experts = a.load().length;
            int[] choices = Host.read(a.choices());
            int k = choices.length / image.length;
            for (int i = 0; i < choices.length; i++) {
                out[base + (image[i / k] ? experts : 0) + choices[i]]++;
            }
            base += 2 * experts;
        }
        return out;
    }

    /** Adds a step's summed {@link #count}s. */
    void add(double[] summed, int from) {
        int base = from;
        for (Auxiliary a : layout) {
            int experts = a.load().length;
            long[][] c = counts.computeIfAbsent(a.layer(), l -> new long[2][experts]);
            for (int e = 0; e < experts; e++) {
                c[0][e] += (long) summed[base + e];
                c[1][e] += (long) summed[base + experts + e];
            }
            base += 2 * experts;
        }
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }

    /** {@code layer -> {"text": shares, "image": shares}} since the last drain, and resets. */
    Map<String, Object> drain() {
        Map<String, Object> out = new LinkedHashMap<>();
        counts.forEach((layer, c) -> {
            Map<String, double[]> m = new LinkedHashMap<>();
            m.put("text", shares(c[0]));
            m.put("image", shares(c[1]));
            out.put(layer, m);
        });
        counts.clear();
        return out;
    }

    private static double[] shares(long[] c) {
        long total = 0;
        for (long v : c) {
            total += v;
        }
        double[] s = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            s[i] = total == 0 ? 0 : (double) c[i] / total;
        }
        return s;
    }
}
