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

    /** Adds one step's choices; {@code image[row]} says whether input row {@code row} is an image patch. */
    void add(List<Auxiliary> aux, boolean[] image) {
        for (Auxiliary a : aux) {
            if (a.choices() == null || a.load() == null) {
                continue;
            }
            int[] choices = Host.read(a.choices());
            int k = choices.length / image.length;
            long[][] c = counts.computeIfAbsent(a.layer(), l -> new long[2][a.load().length]);
            for (int i = 0; i < choices.length; i++) {
                c[image[i / k] ? 1 : 0][choices[i]]++;
            }
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
