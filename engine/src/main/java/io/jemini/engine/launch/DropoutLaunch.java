package io.jemini.engine.launch;

import io.jemini.engine.device.DeviceRuntime;
import io.jemini.kernels.DropoutKernels;

/**
 * Launches of {@link DropoutKernels} on the engine's backend: the translated kernel on the
 * installed device, else the Java kernel on the JVM backend. Generated from the kernel signatures
 * by LaunchStubs (engine tests); LaunchStubsTest fails when this file differs.
 */
public final class DropoutLaunch {
    private DropoutLaunch() {
    }

    /** {@link DropoutKernels#apply} over {@code [0, count)}. */
    public static void apply(int count, int costPerItem, float[] x, float[] y, long seed, float p, int accumulate) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("DropoutKernels.apply", count, x, y, seed, p, accumulate);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> DropoutKernels.apply(x, y, seed, p, accumulate, lo, hi));
        }
    }
}
