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
