package io.jemini.engine.ops;

import io.jemini.engine.device.DeviceRuntime;
import io.jemini.engine.launch.MatmulLaunch;
import io.jemini.engine.launch.Parallel;
import io.jemini.kernels.jvm.VectorMatmul;

/**
 * Chooses the matmul implementation by problem size only (so the choice never depends on the
 * thread count): the reference kernel for small products, the tuned Vector API kernel otherwise;
 * on a device run, the device's tiled SGEMM.
 */
public final class Gemm {
    /** Below this many multiply-adds the reference kernel is used. */
    static final long TUNED_THRESHOLD = 16L * 16 * 16;

    private Gemm() {
    }

    /**
     * {@code c = a · b}, or {@code c += a · b} with {@code accumulate}. A transposed destination is
     * written through {@code cᵀ = bᵀ · aᵀ}, so every product lands in row-major storage.
     */
    public static void multiply(MatrixView a, MatrixView b, MatrixView c, boolean accumulate) {
        if (c.transposed()) {
            multiply(b.t(), a.t(), c.t(), accumulate);
            return;
        }
        if (a.rows() != c.rows() || b.cols() != c.cols() || a.cols() != b.rows()) {
            throw new IllegalArgumentException("matrix product of " + a.rows() + "x" + a.cols() + " and " + b.rows() + "x"
                    + b.cols() + " into " + c.rows() + "x" + c.cols());
        }
        run(a.data(), a.offset(), a.ld(), a.transposed(), b.data(), b.offset(), b.ld(), b.transposed(), c.data(), c.offset(),
                c.ld(), c.rows(), c.cols(), a.cols(), accumulate);
    }

    /** {@code C (+)= op(A) · op(B)} with C {@code m×n} and inner size k. */
    public static void run(float[] a, int aOff, int lda, boolean transA, float[] b, int bOff, int ldb, boolean transB,
                           float[] c, int cOff, int ldc, int m, int n, int k, boolean accumulate) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.gemm(a, aOff, lda, transA, b, bOff, ldb, transB, c, cOff, ldc, m, n, k, accumulate);
            return;
        }
        if ((long) m * n * k >= TUNED_THRESHOLD && n >= VectorMatmul.NR / 2) {
            VectorMatmul.gemm(Parallel.backend(), a, aOff, lda, transA, b, bOff, ldb, transB, c, cOff, ldc, m, n, k,
                    accumulate);
        } else {
            int ta = transA ? 1 : 0;
            int tb = transB ? 1 : 0;
            int acc = accumulate ? 1 : 0;
            MatmulLaunch.gemm(m, n * Math.max(1, k), a, aOff, lda, ta, b, bOff, ldb, tb, c, cOff, ldc, n, k, acc);
        }
    }
}
