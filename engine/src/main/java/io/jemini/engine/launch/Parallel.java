package io.jemini.engine.launch;

import io.jemini.engine.device.DeviceRuntime;
import io.jemini.kernels.backend.JvmBackend;
import io.jemini.kernels.backend.RangeBody;

/**
 * Runs a loop's outer range on the current {@link JvmBackend}. On a device run the loops that are
 * not kernels (per-batch products, host bookkeeping) run inline on the calling thread, so device
 * launches are issued in one fixed order.
 */
public final class Parallel {
    /** Roughly the work (in element operations) worth handing to another thread. */
    private static final int GRAIN_WORK = 1 << 15;

    private Parallel() {
    }

    /** Splits {@code [0, n)} where each index costs about {@code costPerItem} element operations. */
    public static void run(int n, int costPerItem, RangeBody body) {
        if (DeviceRuntime.current() != null) {
            body.run(0, n);
            return;
        }
        JvmBackend.current().parallelFor(n, Math.max(1, GRAIN_WORK / Math.max(1, costPerItem)), body);
    }

    public static JvmBackend backend() {
        return JvmBackend.current();
    }
}
