package io.jemini.engine.launch;

import io.jemini.engine.device.DeviceRuntime;
import io.jemini.kernels.BinaryKernels;

/**
 * Launches of {@link BinaryKernels} on the engine's backend: the translated kernel on the
 * installed device, else the Java kernel on the JVM backend. Generated from the kernel signatures
 * by LaunchStubs (engine tests); LaunchStubsTest fails when this file differs.
 */
public final class BinaryLaunch {
    private BinaryLaunch() {
    }

    /** {@link BinaryKernels#affine} over {@code [0, count)}. */
    public static void affine(int count, int costPerItem, float[] x, float scale, float shift, float[] y) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("BinaryKernels.affine", count, x, scale, shift, y);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> BinaryKernels.affine(x, scale, shift, y, lo, hi));
        }
    }

    /** {@link BinaryKernels#apply} over {@code [0, count)}. */
    public static void apply(int count, int costPerItem, int op, float[] a, float[] b, float[] out) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("BinaryKernels.apply", count, op, a, b, out);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> BinaryKernels.apply(op, a, b, out, lo, hi));
        }
    }

    /** {@link BinaryKernels#applyBroadcast} over {@code [0, count)}. */
    public static void applyBroadcast(int count, int costPerItem, int op, float[] a, float[] b, float[] out, int[] outShape, int[] aStrides, int[] bStrides, int rank) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("BinaryKernels.applyBroadcast", count, op, a, b, out, outShape, aStrides, bStrides, rank);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> BinaryKernels.applyBroadcast(op, a, b, out, outShape, aStrides, bStrides, rank, lo, hi));
        }
    }

    /** {@link BinaryKernels#axpy} over {@code [0, count)}. */
    public static void axpy(int count, int costPerItem, float alpha, float[] x, float[] y) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("BinaryKernels.axpy", count, alpha, x, y);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> BinaryKernels.axpy(alpha, x, y, lo, hi));
        }
    }

    /** {@link BinaryKernels#maskedFill} over {@code [0, count)}. */
    public static void maskedFill(int count, int costPerItem, float[] x, float[] mask, float value, float[] out, int[] outShape, int[] maskStrides, int rank) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("BinaryKernels.maskedFill", count, x, mask, value, out, outShape, maskStrides, rank);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> BinaryKernels.maskedFill(x, mask, value, out, outShape, maskStrides, rank, lo, hi));
        }
    }

    /** {@link BinaryKernels#mulAccumulate} over {@code [0, count)}. */
    public static void mulAccumulate(int count, int costPerItem, float[] a, float[] b, float[] out) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("BinaryKernels.mulAccumulate", count, a, b, out);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> BinaryKernels.mulAccumulate(a, b, out, lo, hi));
        }
    }

    /** {@link BinaryKernels#select} over {@code [0, count)}. */
    public static void select(int count, int costPerItem, float[] c, float[] a, float[] b, float[] y) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("BinaryKernels.select", count, c, a, b, y);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> BinaryKernels.select(c, a, b, y, lo, hi));
        }
    }

    /** {@link BinaryKernels#selectBackward} over {@code [0, count)}. */
    public static void selectBackward(int count, int costPerItem, float[] c, float[] g, float[] ga, float[] gb, int withA, int withB) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("BinaryKernels.selectBackward", count, c, g, ga, gb, withA, withB);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> BinaryKernels.selectBackward(c, g, ga, gb, withA, withB, lo, hi));
        }
    }
}
