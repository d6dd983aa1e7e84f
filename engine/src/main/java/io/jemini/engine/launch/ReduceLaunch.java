package io.jemini.engine.launch;

import io.jemini.engine.device.DeviceRuntime;
import io.jemini.kernels.ReduceKernels;

/**
 * Launches of {@link ReduceKernels} on the engine's backend: the translated kernel on the
 * installed device, else the Java kernel on the JVM backend. Generated from the kernel signatures
 * by LaunchStubs (engine tests); LaunchStubsTest fails when this file differs.
 */
public final class ReduceLaunch {
    private ReduceLaunch() {
    }

    /** {@link ReduceKernels#blockSumSquares} over {@code [0, count)}. */
    public static void blockSumSquares(int count, int costPerItem, float[] x, int n, int block, double[] partial) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("ReduceKernels.blockSumSquares", count, x, n, block, partial);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> ReduceKernels.blockSumSquares(x, n, block, partial, lo, hi));
        }
    }

    /** {@link ReduceKernels#blockSums} over {@code [0, count)}. */
    public static void blockSums(int count, int costPerItem, float[] x, int n, int block, double[] partial) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("ReduceKernels.blockSums", count, x, n, block, partial);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> ReduceKernels.blockSums(x, n, block, partial, lo, hi));
        }
    }

    /** {@link ReduceKernels#extreme} over {@code [0, count)}. */
    public static void extreme(int count, int costPerItem, float[] x, float[] out, int[] arg, int r, int inner, int sign) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("ReduceKernels.extreme", count, x, out, arg, r, inner, sign);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> ReduceKernels.extreme(x, out, arg, r, inner, sign, lo, hi));
        }
    }

    /** {@link ReduceKernels#extremeBackward} over {@code [0, count)}. */
    public static void extremeBackward(int count, int costPerItem, float[] g, int[] arg, float[] dx, int r, int inner) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("ReduceKernels.extremeBackward", count, g, arg, dx, r, inner);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> ReduceKernels.extremeBackward(g, arg, dx, r, inner, lo, hi));
        }
    }

    /** {@link ReduceKernels#sum} over {@code [0, count)}. */
    public static void sum(int count, int costPerItem, float[] x, float[] out, int r, int inner, float scale) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("ReduceKernels.sum", count, x, out, r, inner, scale);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> ReduceKernels.sum(x, out, r, inner, scale, lo, hi));
        }
    }

    /** {@link ReduceKernels#sumBackward} over {@code [0, count)}. */
    public static void sumBackward(int count, int costPerItem, float[] g, float[] dx, int r, int inner, float scale) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("ReduceKernels.sumBackward", count, g, dx, r, inner, scale);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> ReduceKernels.sumBackward(g, dx, r, inner, scale, lo, hi));
        }
    }
}
