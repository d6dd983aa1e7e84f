package io.jemini.kernels;

/**
 * The reference matrix multiply {@code C (+)= op(A) · op(B)} for row-major matrices with leading
 * dimensions and offsets, so transposed operands and batch slices need no copies. The parallel
 * range is over rows of C; each element sums over k in index order.
 */
public final class MatmulKernels {
    private MatmulKernels() {
    }

    /**
     * {@code op(A)} is {@code m×k}: stored {@code m×k} with row stride {@code lda}, or {@code k×m}
     * when {@code transA != 0}. Likewise {@code op(B)} is {@code k×n}. With {@code accumulate != 0}
     * the product is added to C.
     */
    public static void gemm(float[] a, int aOff, int lda, int transA, float[] b, int bOff, int ldb, int transB,
                            float[] c, int cOff, int ldc, int n, int k, int accumulate, int lo, int hi) {
        int aRow = transA != 0 ? 1 : lda;
        int aCol = transA != 0 ? lda : 1;
        int bRow = transB != 0 ? 1 : ldb;
        int bCol = transB != 0 ? ldb : 1;
        for (int i = lo; i < hi; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0.0f;
                int pa = aOff + i * aRow;
                int pb = bOff + j * bCol;
                for (int p = 0; p < k; p++) {
                    s += a[pa + p * aCol] * b[pb + p * bRow];
                }
                int pc = cOff + i * ldc + j;
                c[pc] = accumulate != 0 ? c[pc] + s : s;
            }
        }
    }
}
