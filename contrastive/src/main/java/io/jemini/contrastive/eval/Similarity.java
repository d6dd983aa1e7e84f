package io.jemini.contrastive.eval;

/** Cosine and dot-product scores between rows of plain {@code [n, d]} arrays, for evaluation. */
final class Similarity {
    private Similarity() {
    }

    /** Rows scaled to unit length (zero rows stay zero). */
    static float[] unit(float[] x, int d) {
        float[] out = new float[x.length];
        for (int r = 0; r < x.length / d; r++) {
            double n = 0;
            for (int j = 0; j < d; j++) {
                n += (double) x[r * d + j] * x[r * d + j];
            }
            float inv = n > 0 ? (float) (1 / Math.sqrt(n)) : 0f;
            for (int j = 0; j < d; j++) {
                out[r * d + j] = x[r * d + j] * inv;
            }
        }
        return out;
    }

    static float dot(float[] a, int ai, float[] b, int bi, int d) {
        float s = 0;
        for (int j = 0; j < d; j++) {
            s += a[ai * d + j] * b[bi * d + j];
        }
        return s;
    }

    /**
     * The row of {@code b} that row {@code i} of {@code a} points at under {@code pointer}: the
     * largest, smallest or largest-magnitude dot product (ties: lowest index).
     */
    static int pick(float[] a, int i, float[] b, int rows, int d, LocalMetrics.Pointer pointer) {
        int best = 0;
        float bestScore = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < rows; j++) {
            float s = dot(a, i, b, j, d);
            float score = switch (pointer) {
                case MOST_SIMILAR -> s;
                case LEAST_SIMILAR -> -s;
                case LARGEST_MAGNITUDE -> Math.abs(s);
            };
            if (score > bestScore) {
                best = j;
                bestScore = score;
            }
        }
        return best;
    }
}
