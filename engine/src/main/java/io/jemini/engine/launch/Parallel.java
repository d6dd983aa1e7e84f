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

    /**
     * A kernel with a JVM fast path: on the JVM backend {@code jvm} split over {@code [0, n)} as
     * {@link #run} splits it; on a device run, {@code device} (the portable kernel's launch).
     */
    public static void jvmOrDevice(int n, int costPerItem, RangeBody jvm, Runnable device) {
        if (DeviceRuntime.current() == null) {
            run(n, costPerItem, jvm);
        } else {
            device.run();
        }
    }

    public static JvmBackend backend() {
        return JvmBackend.current();
    }
}
