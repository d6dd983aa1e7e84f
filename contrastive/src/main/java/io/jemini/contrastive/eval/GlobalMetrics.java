package io.jemini.contrastive.eval;

import java.util.Arrays;

/**
 * Global image–text evaluations on embeddings: zero-shot classification against class-prompt
 * embeddings, and retrieval recall@k in both directions where a hit is any candidate of the same
 * group (e.g. the same object set, so duplicate captions count).
 */
public final class GlobalMetrics {
    private GlobalMetrics() {
    }

    /** Top-1 accuracy of cosine-nearest class prompt: {@code images [n, d]}, {@code prompts [c, d]}, labels in {@code [0, c)}. */
    public static double zeroShotAccuracy(float[] images, float[] prompts, int[] labels, int d) {
        int[] predicted = zeroShotPredictions(images, prompts, labels.length, d);
        int hits = 0;
        for (int i = 0; i < labels.length; i++) {
            hits += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) hits / labels.length;
    }

    /** The cosine-nearest class prompt of each image. */
    public static int[] zeroShotPredictions(float[] images, float[] prompts, int n, int d) {
        float[] v = Similarity.unit(images, d);
        float[] t = Similarity.unit(prompts, d);
        int classes = prompts.length / d;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = Similarity.pick(v, i, t, classes, d, LocalMetrics.Pointer.MOST_SIMILAR);
        }
        return out;
    }

    /** Fraction of pairs whose true caption scores higher than its alternative (e.g. attribute-swapped) caption. */
    public static double pairwiseAccuracy(float[] images, float[] trueText, float[] altText, int d) {
        float[] v = Similarity.unit(images, d);
        float[] t = Similarity.unit(trueText, d);
        float[] a = Similarity.unit(altText, d);
        int n = images.length / d;
        int hits = 0;
        for (int i = 0; i < n; i++) {
            hits += Similarity.dot(v, i, t, i, d) > Similarity.dot(v, i, a, i, d) ? 1 : 0;
        }
        return (double) hits / n;
    }

    /**
     * Recall@k from {@code queries [n, d]} to {@code candidates [n, d]}: the share of queries with a
     * candidate of their group among the k best by cosine (ties keep the lower index first).
     */
    public static double recallAtK(float[] queries, float[] candidates, int[] group, int d, int k) {
        float[] q = Similarity.unit(queries, d);
        float[] c = Similarity.unit(candidates, d);
        int n = group.length;
        int hits = 0;
        Integer[] order = new Integer[n];
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                scores[j] = Similarity.dot(q, i, c, j, d);
                order[j] = j;
            }
            Arrays.sort(order, (x, y) -> scores[x] != scores[y] ? Float.compare(scores[y], scores[x]) : Integer.compare(x, y));
            boolean hit = false;
            for (int r = 0; r < Math.min(k, n); r++) {
                hit |= group[order[r]] == group[i];
            }
            hits += hit ? 1 : 0;
        }
        return (double) hits / n;
    }
}
