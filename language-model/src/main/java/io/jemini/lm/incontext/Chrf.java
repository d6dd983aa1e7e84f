package io.jemini.lm.incontext;

import java.util.HashMap;
import java.util.Map;

/**
 * chrF (Popović 2015, "chrF: character n-gram F-score for automatic MT evaluation"): character
 * n-gram precision and recall, each averaged over n = 1 … 6, combined as an F-score with β = 2
 * (recall weighted twice as much), on 0–100. Spaces are removed first, as in the paper and in
 * sacreBLEU 1.x. Orders one of the strings is too short for are left out of both averages (the
 * effective order, as sacreBLEU 1.x does); an empty hypothesis or reference scores 0 unless both
 * are empty (100).
 */
public final class Chrf {
    public static final int ORDER = 6;
    public static final double BETA = 2;

    private Chrf() {
    }

    public static double score(String hypothesis, String reference) {
        String h = hypothesis.replaceAll("\\s+", "");
        String r = reference.replaceAll("\\s+", "");
        if (h.isEmpty() || r.isEmpty()) {
            return h.isEmpty() && r.isEmpty() ? 100 : 0;
        }
        double precision = 0;
        double recall = 0;
        int orders = 0;
        for (int n = 1; n <= Math.min(ORDER, Math.min(h.length(), r.length())); n++) {
            Map<String, Integer> hc = grams(h, n);
            Map<String, Integer> rc = grams(r, n);
            int matches = 0;
            for (Map.Entry<String, Integer> e : hc.entrySet()) {
                matches += Math.min(e.getValue(), rc.getOrDefault(e.getKey(), 0));
            }
            precision += (double) matches / (h.length() - n + 1);
            recall += (double) matches / (r.length() - n + 1);
            orders++;
        }
        precision /= orders;
        recall /= orders;
        double b2 = BETA * BETA;
        return precision + recall == 0 ? 0 : 100 * (1 + b2) * precision * recall / (b2 * precision + recall);
    }

    private static Map<String, Integer> grams(String s, int n) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i + n <= s.length(); i++) {
            out.merge(s.substring(i, i + n), 1, Integer::sum);
        }
        return out;
    }
}
