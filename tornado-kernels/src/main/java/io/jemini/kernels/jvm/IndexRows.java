package io.jemini.kernels.jvm;

/**
 * index_select on the JVM as whole runs of the inner axis: the same ranges and the same bits as
 * {@link io.jemini.kernels.IndexKernels#indexSelect} and its backward, which work out every
 * element's source with two divisions (the portable form a device needs) and ran an MoE layer's
 * token gather at about 5 ns an element.
 */
public final class IndexRows {
    private IndexRows() {
    }

    /** {@code out[o, j, i] = x[o, idx[j], i]} over the elements {@code [lo, hi)} of out, a row run at a time. */
    public static void select(float[] x, int[] idx, float[] out, int r, int n, int inner, int lo, int hi) {
        int p = lo;
        while (p < hi) {
            int line = p / inner;
            int i = p - line * inner;
            int o = line / n;
            int len = Math.min(inner - i, hi - p);
            System.arraycopy(x, (o * r + idx[line - o * n]) * inner + i, out, p, len);
            p += len;
        }
    }

    /**
     * {@code dx[o, idx[j], i] += g[o, j, i]} over the lines {@code [lo, hi)} ({@code o·inner + i}):
     * each run of lines sharing o adds its columns of every row j in turn, so each element takes
     * its j in ascending order, as the reference does, and no two ranges write the same element.
     */
    public static void selectBackward(float[] g, int[] idx, float[] dx, int r, int n, int inner, int lo, int hi) {
        int line = lo;
        while (line < hi) {
            int o = line / inner;
            int i0 = line - o * inner;
            int i1 = Math.min(inner, i0 + hi - line);
            for (int j = 0; j < n; j++) {
                int d = (o * r + idx[j]) * inner;
                int s = (o * n + j) * inner;
                for (int i = i0; i < i1; i++) {
                    dx[d + i] += g[s + i];
                }
            }
            line += i1 - i0;
        }
    }
}
