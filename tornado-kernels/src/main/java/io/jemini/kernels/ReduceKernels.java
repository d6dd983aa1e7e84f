package io.jemini.kernels;

/**
 * Reductions over one axis. A tensor is viewed as {@code [outer, r, inner]} with the reduced
 * axis in the middle; the parallel range is over the {@code outer * inner} output elements, and
 * each output sums its line in index order (double accumulator), so results are deterministic.
 */
public final class ReduceKernels {
    private ReduceKernels() {
    }

    /** {@code out[o, i] = scale * sum_r x[o, r, i]}. */
    public static void sum(float[] x, float[] out, int r, int inner, float scale, int lo, int hi) {
        for (int idx = lo; idx < hi; idx++) {
            int o = idx / inner;
            int i = idx - o * inner;
            int base = o * r * inner + i;
            double s = 0.0;
            for (int k = 0; k < r; k++) {
                s += x[base + k * inner];
            }
            out[idx] = (float) (s * scale);
        }
    }

    /** {@code dx[o, r, i] += scale * g[o, i]}; the parallel range is over all elements of dx. */
    public static void sumBackward(float[] g, float[] dx, int r, int inner, float scale, int lo, int hi) {
        for (int idx = lo; idx < hi; idx++) {
            int o = idx / (r * inner);
            int i = idx % inner;
            dx[idx] += g[o * inner + i] * scale;
        }
    }

    /**
     * Maximum ({@code sign = 1}) or minimum ({@code sign = -1}) along the axis; {@code arg} gets
     * the index of the first extreme element, as {@code torch.max(dim)} returns.
     */
    public static void extreme(float[] x, float[] out, int[] arg, int r, int inner, int sign, int lo, int hi) {
        for (int idx = lo; idx < hi; idx++) {
            int o = idx / inner;
            int i = idx - o * inner;
            int base = o * r * inner + i;
            float best = x[base];
            int bestK = 0;
            for (int k = 1; k < r; k++) {
                float v = x[base + k * inner];
                if ((sign > 0 && v > best) || (sign <= 0 && v < best)) {
                    best = v;
                    bestK = k;
                }
            }
            out[idx] = best;
            arg[idx] = bestK;
        }
    }

    /** Routes each output gradient to the element chosen by {@link #extreme}. */
    public static void extremeBackward(float[] g, int[] arg, float[] dx, int r, int inner, int lo, int hi) {
        for (int idx = lo; idx < hi; idx++) {
            int o = idx / inner;
            int i = idx - o * inner;
            dx[o * r * inner + arg[idx] * inner + i] += g[idx];
        }
    }

    /**
     * Partial sums of consecutive blocks of {@code block} elements (the parallel range is over
     * blocks); callers add the partials in order, which fixes the summation order.
     */
    public static void blockSums(float[] x, int n, int block, double[] partial, int lo, int hi) {
        for (int b = lo; b < hi; b++) {
            int start = b * block;
            int end = Math.min(n, start + block);
            double s = 0.0;
            for (int i = start; i < end; i++) {
                s += x[i];
            }
            partial[b] = s;
        }
    }

    /** Like {@link #blockSums} for squares: the pieces of a global L2 norm. */
    public static void blockSumSquares(float[] x, int n, int block, double[] partial, int lo, int hi) {
        for (int b = lo; b < hi; b++) {
            int start = b * block;
            int end = Math.min(n, start + block);
            double s = 0.0;
            for (int i = start; i < end; i++) {
                s += (double) x[i] * x[i];
            }
            partial[b] = s;
        }
    }
}
