package io.jemini.engine.launch;

import io.jemini.engine.device.DeviceRuntime;
import io.jemini.kernels.SoftmaxKernels;

/**
 * Launches of {@link SoftmaxKernels} on the engine's backend: the translated kernel on the
 * installed device, else the Java kernel on the JVM backend. Generated from the kernel signatures
 * by LaunchStubs (engine tests); LaunchStubsTest fails when this file differs.
 */
public final class SoftmaxLaunch {
    private SoftmaxLaunch() {
    }

    /** {@link SoftmaxKernels#logSoftmax} over {@code [0, count)}. */
    public static void logSoftmax(int count, int costPerItem, float[] x, float[] y, int r, int inner) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("SoftmaxKernels.logSoftmax", count, x, y, r, inner);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> SoftmaxKernels.logSoftmax(x, y, r, inner, lo, hi));
        }
    }

    /** {@link SoftmaxKernels#logSoftmaxBackward} over {@code [0, count)}. */
    public static void logSoftmaxBackward(int count, int costPerItem, float[] y, float[] dy, float[] dx, int r, int inner) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("SoftmaxKernels.logSoftmaxBackward", count, y, dy, dx, r, inner);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> SoftmaxKernels.logSoftmaxBackward(y, dy, dx, r, inner, lo, hi));
        }
    }

    /** {@link SoftmaxKernels#logSumExp} over {@code [0, count)}. */
    public static void logSumExp(int count, int costPerItem, float[] x, float[] out, int r, int inner) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("SoftmaxKernels.logSumExp", count, x, out, r, inner);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> SoftmaxKernels.logSumExp(x, out, r, inner, lo, hi));
        }
    }

    /** {@link SoftmaxKernels#logSumExpBackward} over {@code [0, count)}. */
    public static void logSumExpBackward(int count, int costPerItem, float[] x, float[] lse, float[] g, float[] dx, int r, int inner) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("SoftmaxKernels.logSumExpBackward", count, x, lse, g, dx, r, inner);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> SoftmaxKernels.logSumExpBackward(x, lse, g, dx, r, inner, lo, hi));
        }
    }

    /** {@link SoftmaxKernels#softmax} over {@code [0, count)}. */
    public static void softmax(int count, int costPerItem, float[] x, float[] y, int r, int inner) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("SoftmaxKernels.softmax", count, x, y, r, inner);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> SoftmaxKernels.softmax(x, y, r, inner, lo, hi));
        }
    }

    /** {@link SoftmaxKernels#softmaxBackward} over {@code [0, count)}. */
    public static void softmaxBackward(int count, int costPerItem, float[] y, float[] dy, float[] dx, int r, int inner) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("SoftmaxKernels.softmaxBackward", count, y, dy, dx, r, inner);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> SoftmaxKernels.softmaxBackward(y, dy, dx, r, inner, lo, hi));
        }
    }
}
