package io.jemini.engine.ops;

import io.jemini.kernels.backend.JvmBackend;
import io.jemini.kernels.backend.RangeBody;

/** Runs a kernel's outer loop on the current {@link JvmBackend}. */
final class Parallel {
    /** Roughly the work (in element operations) worth handing to another thread. */
    private static final int GRAIN_WORK = 1 << 15;

    private Parallel() {
    }

    /** Splits {@code [0, n)} where each index costs about {@code costPerItem} element operations. */
    static void run(int n, int costPerItem, RangeBody body) {
        JvmBackend.current().parallelFor(n, Math.max(1, GRAIN_WORK / Math.max(1, costPerItem)), body);
    }

    static JvmBackend backend() {
        return JvmBackend.current();
    }
}
