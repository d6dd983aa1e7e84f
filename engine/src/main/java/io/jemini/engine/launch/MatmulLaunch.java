package io.jemini.engine.launch;

import io.jemini.engine.device.DeviceRuntime;
import io.jemini.kernels.MatmulKernels;

/**
 * Launches of {@link MatmulKernels} on the engine's backend: the translated kernel on the
 * installed device, else the Java kernel on the JVM backend. Generated from the kernel signatures
 * by LaunchStubs (engine tests); LaunchStubsTest fails when this file differs.
 */
public final class MatmulLaunch {
    private MatmulLaunch() {
    }

    /** {@link MatmulKernels#gemm} over {@code [0, count)}. */
    public static void gemm(int count, int costPerItem, float[] a, int aOff, int lda, int transA, float[] b, int bOff, int ldb, int transB, float[] c, int cOff, int ldc, int n, int k, int accumulate) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("MatmulKernels.gemm", count, a, aOff, lda, transA, b, bOff, ldb, transB, c, cOff, ldc, n, k, accumulate);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> MatmulKernels.gemm(a, aOff, lda, transA, b, bOff, ldb, transB, c, cOff, ldc, n, k, accumulate, lo, hi));
        }
    }
}
