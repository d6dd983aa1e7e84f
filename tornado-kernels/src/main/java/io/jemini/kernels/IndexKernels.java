package io.jemini.kernels;

/**
 * Indexing along one axis of a tensor viewed as {@code [outer, r, inner]}: index_select (and so
 * embedding lookup), gather and scatter-add. Kernels that add into a shared target loop over the
 * index sequentially inside each {@code (outer, inner)} line, so repeated indices accumulate in a
 * fixed order whatever the thread count.
 */
public final class IndexKernels {
    private IndexKernels() {
    }

    /** {@code out[o, j, i] = x[o, idx[j], i]}; parallel over all {@code outer * n * inner} outputs. */
    public static void indexSelect(float[] x, int[] idx, float[] out, int r, int n, int inner, int lo, int hi) {
        for (int p = lo; p < hi; p++) {
            int i = p % inner;
            int j = (p / inner) % n;
            int o = p / (inner * n);
            out[p] = x[(o * r + idx[j]) * inner + i];
        }
    }

    /** {@code dx[o, idx[j], i] += g[o, j, i]}; parallel over the {@code outer * inner} lines. */
    public static void indexSelectBackward(float[] g, int[] idx, float[] dx, int r, int n, int inner, int lo, int hi) {
        for (int line = lo; line < hi; line++) {
            int o = line / inner;
            int i = line - o * inner;
            for (int j = 0; j < n; j++) {
                dx[(o * r + idx[j]) * inner + i] += g[(o * n + j) * inner + i];
            }
        }
    }

    /** {@code out[o, j, i] = x[o, index[o, j, i], i]} (torch.gather); parallel over outputs. */
    public static void gather(float[] x, int[] index, float[] out, int r, int n, int inner, int lo, int hi) {
        for (int p = lo; p < hi; p++) {
            int i = p % inner;
            int o = p / (inner * n);
            out[p] = x[(o * r + index[p]) * inner + i];
        }
    }

    /**
     * {@code target[o, index[o, j, i], i] += src[o, j, i]} (torch.scatter_add_, and the backward of
     * gather); parallel over the {@code outer * inner} lines.
     */
    public static void scatterAdd(float[] src, int[] index, float[] target, int r, int n, int inner, int lo, int hi) {
        for (int line = lo; line < hi; line++) {
            int o = line / inner;
            int i = line - o * inner;
            for (int j = 0; j < n; j++) {
                int p = (o * n + j) * inner + i;
                target[(o * r + index[p]) * inner + i] += src[p];
            }
        }
    }

    /**
     * Copies a block {@code [outer, len, inner]} between tensors that differ along one axis
     * (concat and slice): {@code dst[o, dstStart + j, i] (+)= src[o, srcStart + j, i]}.
     */
    public static void copyAxisBlock(float[] src, int srcR, int srcStart, float[] dst, int dstR, int dstStart,
                                     int len, int inner, int accumulate, int lo, int hi) {
        for (int p = lo; p < hi; p++) {
            int i = p % inner;
            int j = (p / inner) % len;
            int o = p / (inner * len);
            int d = (o * dstR + dstStart + j) * inner + i;
            float v = src[(o * srcR + srcStart + j) * inner + i];
            dst[d] = accumulate != 0 ? dst[d] + v : v;
        }
    }

    /**
     * General permutation: {@code out (+)= x} read through {@code inStrides} (the input stride of
     * each output dimension). The parallel range is over rows of the output's last dimension; each
     * row decodes its coordinates once.
     */
    public static void permute(float[] x, float[] out, int[] outShape, int[] inStrides, int rank, int accumulate,
                               int lo, int hi) {
        int cols = outShape[rank - 1];
        int colStride = inStrides[rank - 1];
        for (int row = lo; row < hi; row++) {
            int rem = row;
            int base = 0;
            for (int d = rank - 2; d >= 0; d--) {
                int coord = rem % outShape[d];
                rem = rem / outShape[d];
                base += coord * inStrides[d];
            }
            int o = row * cols;
            for (int j = 0; j < cols; j++) {
                float v = x[base + j * colStride];
                out[o + j] = accumulate != 0 ? out[o + j] + v : v;
            }
        }
    }
}
