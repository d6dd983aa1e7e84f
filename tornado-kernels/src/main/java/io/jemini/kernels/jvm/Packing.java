package io.jemini.kernels.jvm;

import static io.jemini.kernels.jvm.MicroKernel.NR;

/** Copies of the operands in the layouts {@link MicroKernel} reads: panels of B, k-contiguous rows of A. */
final class Packing {
    /**
     * Floats added to each row of a transposed A block, so rows {@code kc} apart (a power of two)
     * do not all fall in the same cache sets.
     */
    static final int ROW_PAD = 16;

    private Packing() {
    }

    /**
     * Packs column panel {@code panel} of op(B) (its columns from {@code col0 + panel·NR}, at most
     * to {@code col0 + nc}) over k rows {@code k0 … k0+kc} at {@code dst}, zero-padding it to
     * {@link MicroKernel#NR} columns.
     */
    static void packB(MatrixProduct p, int k0, int kc, int col0, int nc, float[] packed, int dst, int panel) {
        float[] b = p.b();
        int bOff = p.bOff();
        int ldb = p.ldb();
        boolean transB = p.transB();
        int j0 = col0 + panel * NR;
        int width = Math.min(NR, col0 + nc - j0);
        for (int q = 0; q < kc; q++) {
            int row = k0 + q;
            int o = dst + q * NR;
            if (!transB) {
                System.arraycopy(b, bOff + row * ldb + j0, packed, o, width);
            } else {
                for (int jj = 0; jj < width; jj++) {
                    packed[o + jj] = b[bOff + (j0 + jj) * ldb + row];
                }
            }
            for (int jj = width; jj < NR; jj++) {
                packed[o + jj] = 0.0f;
            }
        }
    }

    /**
     * Copies rows {@code ic … ic+mc} of a transposed A's op(A) over k {@code k0 … k0+kc} to
     * {@code dst} with each row along k, {@code stride} apart: each k row of A is read once, as
     * {@code mc} contiguous values.
     */
    static void transposeA(MatrixProduct p, int ic, int mc, int k0, int kc, float[] packed, int dst, int stride) {
        float[] a = p.a();
        for (int q = 0; q < kc; q++) {
            int src = p.aOff() + (k0 + q) * p.lda() + ic;
            for (int i = 0; i < mc; i++) {
                packed[dst + i * stride + q] = a[src + i];
            }
        }
    }
}
