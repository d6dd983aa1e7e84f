package io.jemini.engine.launch;

import io.jemini.engine.device.DeviceRuntime;
import io.jemini.kernels.IndexKernels;

/**
 * Launches of {@link IndexKernels} on the engine's backend: the translated kernel on the
 * installed device, else the Java kernel on the JVM backend. Generated from the kernel signatures
 * by LaunchStubs (engine tests); LaunchStubsTest fails when this file differs.
 */
public final class IndexLaunch {
    private IndexLaunch() {
    }

    /** {@link IndexKernels#copyAxisBlock} over {@code [0, count)}. */
    public static void copyAxisBlock(int count, int costPerItem, float[] src, int srcR, int srcStart, float[] dst, int dstR, int dstStart, int len, int inner, int accumulate) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("IndexKernels.copyAxisBlock", count, src, srcR, srcStart, dst, dstR, dstStart, len, inner, accumulate);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> IndexKernels.copyAxisBlock(src, srcR, srcStart, dst, dstR, dstStart, len, inner, accumulate, lo, hi));
        }
    }

    /** {@link IndexKernels#gather} over {@code [0, count)}. */
    public static void gather(int count, int costPerItem, float[] x, int[] index, float[] out, int r, int n, int inner) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("IndexKernels.gather", count, x, index, out, r, n, inner);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> IndexKernels.gather(x, index, out, r, n, inner, lo, hi));
        }
    }

    /** {@link IndexKernels#indexSelect} over {@code [0, count)}. */
    public static void indexSelect(int count, int costPerItem, float[] x, int[] idx, float[] out, int r, int n, int inner) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("IndexKernels.indexSelect", count, x, idx, out, r, n, inner);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> IndexKernels.indexSelect(x, idx, out, r, n, inner, lo, hi));
        }
    }

    /** {@link IndexKernels#indexSelectBackward} over {@code [0, count)}. */
    public static void indexSelectBackward(int count, int costPerItem, float[] g, int[] idx, float[] dx, int r, int n, int inner) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("IndexKernels.indexSelectBackward", count, g, idx, dx, r, n, inner);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> IndexKernels.indexSelectBackward(g, idx, dx, r, n, inner, lo, hi));
        }
    }

    /** {@link IndexKernels#permute} over {@code [0, count)}. */
    public static void permute(int count, int costPerItem, float[] x, float[] out, int[] outShape, int[] inStrides, int rank, int accumulate) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("IndexKernels.permute", count, x, out, outShape, inStrides, rank, accumulate);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> IndexKernels.permute(x, out, outShape, inStrides, rank, accumulate, lo, hi));
        }
    }

    /** {@link IndexKernels#scatterAdd} over {@code [0, count)}. */
    public static void scatterAdd(int count, int costPerItem, float[] src, int[] index, float[] target, int r, int n, int inner) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("IndexKernels.scatterAdd", count, src, index, target, r, n, inner);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> IndexKernels.scatterAdd(src, index, target, r, n, inner, lo, hi));
        }
    }
}
