package io.jemini.contrastive.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Region-level evaluations of one image–caption pair: the token→patch pointing game, grouping
 * precision of SPARC's alignment weights, and zero-shot segmentation IoU over a patch grid.
 * Object and class labels are per patch, -1 for background.
 */
public final class LocalMetrics {
    /** The cosine at or below which a patch counts as background in the segmentation variant that scores it. */
    public static final float BACKGROUND_COSINE = 0f;

    private LocalMetrics() {
    }

    /** Hits and trials of the pointing game: for each content token, is its most similar patch inside its object? */
    public record Count(int hits, int trials) {
        public Count plus(Count o) {
            return new Count(hits + o.hits, trials + o.trials);
        }

        public double rate() {
            return trials == 0 ? Double.NaN : (double) hits / trials;
        }
    }

    /**
     * Which patch a token points at: the paper's most similar one, the least similar one, or the
     * one of largest absolute similarity. The last two tell a token that is anti-aligned with its
     * object (pointing away from it) from one that is unrelated to it.
     */
    public enum Pointer { MOST_SIMILAR, LEAST_SIMILAR, LARGEST_MAGNITUDE }

    /** The paper's pointing game: {@link #pointingGame(float[], float[], int[], int[], int, Pointer)} by the most similar patch. */
    public static Count pointingGame(float[] tokens, float[] patches, int[] tokenObject, int[] patchObject, int d) {
        return pointingGame(tokens, patches, tokenObject, patchObject, d, Pointer.MOST_SIMILAR);
    }

    /**
     * @param tokens      {@code [L, d]} token embeddings (raw dot products are used, as SPARC's similarity)
     * @param patches     {@code [P, d]}
     * @param tokenObject object named by each token, -1 for none (only such tokens are scored)
     * @param patchObject object of each patch, -1 for background
     */
    public static Count pointingGame(float[] tokens, float[] patches, int[] tokenObject, int[] patchObject, int d,
                                     Pointer pointer) {
        int hits = 0;
        int trials = 0;
        for (int l = 0; l < tokenObject.length; l++) {
            int object = tokenObject[l];
            if (object < 0 || !present(patchObject, object)) {
                continue;
            }
            trials++;
            hits += patchObject[Similarity.pick(tokens, l, patches, patchObject.length, d, pointer)] == object ? 1 : 0;
        }
        return new Count(hits, trials);
    }

    /**
     * One content token's relation to its image: the mean raw similarity to the patches of its
     * object and to background patches (NaN when there is no background), the alignment weight
     * on background, and the number of patches with a non-zero weight.
     */
    public record TokenAlignment(double itemSimilarity, double backgroundSimilarity, double backgroundWeight, int patchesKept) {
    }

    /** {@link TokenAlignment} of every content token whose object is in the image; {@code weights [L, P]}. */
    public static List<TokenAlignment> alignment(float[] tokens, float[] patches, float[] weights, int[] tokenObject,
                                                 int[] patchObject, int d) {
        int p = patchObject.length;
        List<TokenAlignment> out = new ArrayList<>();
        for (int l = 0; l < tokenObject.length; l++) {
            int object = tokenObject[l];
            if (object < 0 || !present(patchObject, object)) {
                continue;
            }
            double item = 0;
            double background = 0;
            int items = 0;
            int backgrounds = 0;
            double backgroundWeight = 0;
            int kept = 0;
            for (int q = 0; q < p; q++) {
                float s = Similarity.dot(tokens, l, patches, q, d);
                if (patchObject[q] == object) {
                    item += s;
                    items++;
                } else if (patchObject[q] < 0) {
                    background += s;
                    backgrounds++;
                    backgroundWeight += weights[l * p + q];
                }
                kept += weights[l * p + q] > 0 ? 1 : 0;
            }
            out.add(new TokenAlignment(item / items, backgrounds == 0 ? Double.NaN : background / backgrounds,
                    backgroundWeight, kept));
        }
        return out;
    }

    /**
     * How much of the content tokens' length lies along their common direction: with {@code u} the
     * unit vector of their mean, the mean over tokens of {@code |t·u| / |t|} (1: every token lies on
     * one line; near 0: no shared direction). A shared component adds the same amount to a
     * token's similarity with a patch for every token, so when it dominates, it, not the word,
     * decides where the token points.
     */
    public static double sharedDirection(List<float[]> tokens) {
        if (tokens.isEmpty()) {
            return Double.NaN;
        }
        int d = tokens.get(0).length;
        double[] mean = new double[d];
        for (float[] t : tokens) {
            for (int j = 0; j < d; j++) {
                mean[j] += t[j];
            }
        }
        double norm = 0;
        for (double v : mean) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            return 0;
        }
        double sum = 0;
        for (float[] t : tokens) {
            double dot = 0;
            double length = 0;
            for (int j = 0; j < d; j++) {
                dot += t[j] * mean[j] / norm;
                length += (double) t[j] * t[j];
            }
            sum += length == 0 ? 0 : Math.abs(dot) / Math.sqrt(length);
        }
        return sum / tokens.size();
    }

    /** Mean over content tokens of the alignment weight ({@code weights [L, P]}) that falls inside the token's object. */
    public static double groupingPrecision(float[] weights, int[] tokenObject, int[] patchObject) {
        int p = patchObject.length;
        double sum = 0;
        int count = 0;
        for (int l = 0; l < tokenObject.length; l++) {
            int object = tokenObject[l];
            if (object < 0 || !present(patchObject, object)) {
                continue;
            }
            double inside = 0;
            for (int q = 0; q < p; q++) {
                inside += patchObject[q] == object ? weights[l * p + q] : 0;
            }
            sum += inside;
            count++;
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /**
     * Zero-shot segmentation of one image: each patch embedding ({@code [P, d]}) takes the class of
     * its cosine-nearest prompt among the classes present ({@code prompts}, one row per class);
     * per-class IoU against {@code truth} (class per patch, -1 background). Without background, as
     * the paper, background patches are left out of both prediction and truth. With it, a patch
     * whose cosine to every present class is at most {@link #BACKGROUND_COSINE} (no closer than an
     * empty prompt would be) is predicted background, and background patches count.
     *
     * @return IoU per present class, in the order of {@code present}
     */
    public static double[] segmentationIou(float[] patches, float[] prompts, int[] present, int[] truth, int d,
                                           boolean withBackground) {
        float[] v = Similarity.unit(patches, d);
        float[] t = Similarity.unit(prompts, d);
        int[] predicted = new int[truth.length];
        for (int q = 0; q < truth.length; q++) {
            int best = -1;
            float bestScore = Float.NEGATIVE_INFINITY;
            for (int c : present) {
                float s = Similarity.dot(v, q, t, c, d);
                if (s > bestScore) {
                    best = c;
                    bestScore = s;
                }
            }
            predicted[q] = withBackground && bestScore <= BACKGROUND_COSINE ? -1 : best;
        }
        double[] iou = new double[present.length];
        for (int i = 0; i < present.length; i++) {
            int c = present[i];
            int inter = 0;
            int union = 0;
            for (int q = 0; q < truth.length; q++) {
                if (!withBackground && truth[q] < 0) {
                    continue;
                }
                boolean p = predicted[q] == c;
                boolean g = truth[q] == c;
                inter += p && g ? 1 : 0;
                union += p || g ? 1 : 0;
            }
            iou[i] = union == 0 ? Double.NaN : (double) inter / union;
        }
        return iou;
    }

    private static boolean present(int[] labels, int object) {
        for (int x : labels) {
            if (x == object) {
                return true;
            }
        }
        return false;
    }
}
