package io.jemini.kernels;

/**
 * Mixture-of-experts routing kernels: top-k selection, the stable dispatch permutation
 * (histogram, then each expert collecting its assignments in token order), capacity dropping in
 * a given priority order,
 * the weighted combine back to tokens and its backward. An assignment is (token t, slot j), index
 * {@code a = t*k + j}; {@code position[a]} is its row in the expert-sorted buffer, or -1 when it
 * was dropped.
 */
public final class MoeKernels {
    private MoeKernels() {
    }

    /**
     * The k largest of each token's scores {@code [tokens, experts]} (router probabilities plus
     * any balancing bias) into {@code index [tokens, k]}, in decreasing order; ties go to the
     * lower expert index.
     */
    public static void topK(float[] scores, int experts, int k, int[] index, int lo, int hi) {
        for (int t = lo; t < hi; t++) {
            int row = t * experts;
            for (int j = 0; j < k; j++) {
                int best = -1;
                float bestScore = 0.0f;
                for (int e = 0; e < experts; e++) {
                    int taken = 0;
                    for (int q = 0; q < j; q++) {
                        if (index[t * k + q] == e) {
                            taken = 1;
                        }
                    }
                    float s = scores[row + e];
                    if (taken == 0 && (best < 0 || s > bestScore)) {
                        best = e;
                        bestScore = s;
                    }
                }
                index[t * k + j] = best;
            }
        }
    }

    /** Assignments per expert (parallel over experts): {@code counts[e] = #{a : index[a] == e}}. */
    public static void histogram(int[] index, int assignments, int[] counts, int lo, int hi) {
        for (int e = lo; e < hi; e++) {
            int c = 0;
            for (int a = 0; a < assignments; a++) {
                if (index[a] == e) {
                    c++;
                }
            }
            counts[e] = c;
        }
    }

    /**
     * Stable dispatch with capacity (parallel over experts). Expert e keeps the first
     * {@code capacity} of its assignments in priority order ({@code order[r]} is the assignment of
     * rank r), and lays the kept ones out in assignment order from row {@code offsets[e]}; dropped
     * assignments get position -1. With {@code capacity < 0} (dropless) every assignment is kept and
     * {@code order} is not read; {@code position} must then hold no negative value on entry.
     * {@code tokenOfRow[row]} receives the token of each row.
     */
    public static void dispatch(int[] index, int[] order, int assignments, int k, int[] offsets, int capacity,
                                int[] position, int[] tokenOfRow, int lo, int hi) {
        for (int e = lo; e < hi; e++) {
            if (capacity >= 0) {
                int n = 0;
                for (int r = 0; r < assignments; r++) {
                    int a = order[r];
                    if (index[a] == e) {
                        if (n < capacity) {
                            position[a] = 0;
                        } else {
                            position[a] = -1;
                        }
                        n++;
                    }
                }
            }
            int row = offsets[e];
            for (int a = 0; a < assignments; a++) {
                if (index[a] == e && position[a] >= 0) {
                    position[a] = row;
                    tokenOfRow[row] = a / k;
                    row++;
                }
            }
        }
    }

    /** {@code out[t] = sum_j gate[t, j] * rows[position[t, j]]} over kept assignments; parallel over tokens. */
    public static void combine(float[] rows, int[] position, float[] gate, float[] out, int k, int dim, int lo, int hi) {
        for (int t = lo; t < hi; t++) {
            for (int d = 0; d < dim; d++) {
                out[t * dim + d] = 0.0f;
            }
            for (int j = 0; j < k; j++) {
                int p = position[t * k + j];
                if (p >= 0) {
                    float g = gate[t * k + j];
                    for (int d = 0; d < dim; d++) {
                        out[t * dim + d] += g * rows[p * dim + d];
                    }
                }
            }
        }
    }

    /**
     * Backward of {@link #combine} (parallel over tokens): {@code dRows[position] += gate * dOut[t]}
     * (each row belongs to one assignment, so no two tokens write the same row) and
     * {@code dGate[t, j] += dOut[t] . rows[position]}.
     */
    public static void combineBackward(float[] rows, int[] position, float[] gate, float[] dOut, float[] dRows,
                                       float[] dGate, int withRows, int withGate, int k, int dim, int lo, int hi) {
        for (int t = lo; t < hi; t++) {
            for (int j = 0; j < k; j++) {
                int p = position[t * k + j];
                if (p >= 0) {
                    float g = gate[t * k + j];
                    double dot = 0.0;
                    for (int d = 0; d < dim; d++) {
                        float go = dOut[t * dim + d];
                        if (withRows != 0) {
                            dRows[p * dim + d] += g * go;
                        }
                        dot += (double) go * rows[p * dim + d];
                    }
                    if (withGate != 0) {
                        dGate[t * k + j] += (float) dot;
                    }
                }
            }
        }
    }
}
