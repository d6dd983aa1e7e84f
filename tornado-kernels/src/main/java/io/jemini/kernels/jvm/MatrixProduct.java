package io.jemini.kernels.jvm;

/**
 * One product {@code C (+)= op(A) · op(B)} for {@link VectorMatmul}: A, B and their leading
 * dimensions and transposes as in {@link io.jemini.kernels.MatmulKernels#gemm}, and C's element
 * (i, j) at {@code cOff + i·rowStep + j·colStep} (a row-major C has {@code rowStep = ldc},
 * {@code colStep = 1}).
 */
public record MatrixProduct(float[] a, int aOff, int lda, boolean transA, float[] b, int bOff, int ldb, boolean transB,
                            float[] c, int cOff, int rowStep, int colStep, int m, int n, int k, boolean accumulate) {

    /** A product into a row-major C with leading dimension {@code ldc}. */
    public static MatrixProduct of(float[] a, int aOff, int lda, boolean transA, float[] b, int bOff, int ldb,
                                   boolean transB, float[] c, int cOff, int ldc, int m, int n, int k, boolean accumulate) {
        return new MatrixProduct(a, aOff, lda, transA, b, bOff, ldb, transB, c, cOff, ldc, 1, m, n, k, accumulate);
    }

    /**
     * The same product, computed as {@code Cᵀ = op(B)ᵀ·op(A)ᵀ} when both A and B are transposed:
     * a transposed B's panels are gathered element by element, a plain one's are copied a vector at
     * a time. A transposed A with a plain B keeps its orientation even when {@code m > n}: swapping
     * sends every tile of C through a buffer and a strided store, and measured 0.56–0.98× of
     * keeping it on weight-gradient shapes. Each element of C gets the same bits either way.
     */
    MatrixProduct oriented() {
        if (transA && transB) {
            return new MatrixProduct(b, bOff, ldb, !transB, a, aOff, lda, !transA, c, cOff, colStep, rowStep, n, m, k,
                    accumulate);
        }
        return this;
    }

    /** Sets C to zero (a product over an empty k), unless it accumulates. */
    void clear() {
        if (!accumulate) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    c[cOff + i * rowStep + j * colStep] = 0.0f;
                }
            }
        }
    }

    /** Where row {@code i} of op(A) starts, read along k from {@code k0}, for an A that is not transposed. */
    int aRow(int i, int k0) {
        return aOff + i * lda + k0;
    }

    /** Element (i, q) of op(A). */
    float opA(int i, int q) {
        return transA ? a[aOff + q * lda + i] : a[aOff + i * lda + q];
    }
}
