package io.jemini.engine.launch;

import io.jemini.engine.device.DeviceRuntime;
import io.jemini.kernels.RotaryKernels;

/**
 * Launches of {@link RotaryKernels} on the engine's backend: the translated kernel on the
 * installed device, else the Java kernel on the JVM backend. Generated from the kernel signatures
 * by LaunchStubs (engine tests); LaunchStubsTest fails when this file differs.
 */
public final class RotaryLaunch {
    private RotaryLaunch() {
    }

    /** {@link RotaryKernels#rotate} over {@code [0, count)}. */
    public static void rotate(int count, int costPerItem, float[] x, float[] y, float[] cos, float[] sin, int t, int d, int offset, float sign, int accumulate) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("RotaryKernels.rotate", count, x, y, cos, sin, t, d, offset, sign, accumulate);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> RotaryKernels.rotate(x, y, cos, sin, t, d, offset, sign, accumulate, lo, hi));
        }
    }
}
