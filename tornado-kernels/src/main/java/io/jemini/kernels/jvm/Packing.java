package io.jemini.kernels.jvm;

import static io.jemini.kernels.jvm.MicroKernel.MR;
import static io.jemini.kernels.jvm.MicroKernel.NR;

/**
 * Copies of the operands in the layouts {@link MicroKernel} reads: panels of B and micro-panels of
 * A, each a single stream the micro-kernel walks in order.
 */
final class Packing {
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
     * Packs rows {@code ic … ic+mc} of op(A) over k {@code k0 … k0+kc} at {@code dst} as micro-panels
     * of {@link MicroKernel#MR} rows: element (row {@code ic + MR·i + r}, k {@code k0 + q}) at
     * {@code dst + i·MR·kc + q·MR + r}. A short last micro-panel is padded with zeros. A transposed
     * A is read one k row at a time, each as {@code mc} contiguous values.
     */
    static void packA(MatrixProduct p, int ic, int mc, int k0, int kc, float[] packed, int dst) {
        float[] a = p.a();
        int full = mc / MR;
        int panelSize = MR * kc;
        if (p.transA()) {
            for (int q = 0; q < kc; q++) {
                int src = p.aOff() + (k0 + q) * p.lda() + ic;
                int o = dst + q * MR;
                for (int i = 0; i < full; i++) {
                    for (int r = 0; r < MR; r++) {
                        packed[o + i * panelSize + r] = a[src + i * MR + r];
                    }
                }
            }
        } else {
            for (int i = 0; i < full; i++) {
                for (int r = 0; r < MR; r++) {
                    int src = p.aRow(ic + i * MR + r, k0);
                    int o = dst + i * panelSize + r;
                    for (int q = 0; q < kc; q++) {
                        packed[o + q * MR] = a[src + q];
                    }
                }
            }
        }
        if (full * MR < mc) {
            for (int r = 0; r < MR; r++) {
                int row = ic + full * MR + r;
                int o = dst + full * panelSize + r;
                for (int q = 0; q < kc; q++) {
                    packed[o + q * MR] = row < ic + mc ? p.opA(row, k0 + q) : 0.0f;
                }
            }
        }
    }
}
