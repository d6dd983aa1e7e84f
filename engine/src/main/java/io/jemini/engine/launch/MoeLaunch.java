package io.jemini.engine.launch;

import io.jemini.engine.device.DeviceRuntime;
import io.jemini.kernels.MoeKernels;

/**
 * Launches of {@link MoeKernels} on the engine's backend: the translated kernel on the
 * installed device, else the Java kernel on the JVM backend. Generated from the kernel signatures
 * by LaunchStubs (engine tests); LaunchStubsTest fails when this file differs.
 */
public final class MoeLaunch {
    private MoeLaunch() {
    }

    /** {@link MoeKernels#combine} over {@code [0, count)}. */
    public static void combine(int count, int costPerItem, float[] rows, int[] position, float[] gate, float[] out, int k, int dim) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("MoeKernels.combine", count, rows, position, gate, out, k, dim);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> MoeKernels.combine(rows, position, gate, out, k, dim, lo, hi));
        }
    }

    /** {@link MoeKernels#combineBackward} over {@code [0, count)}. */
    public static void combineBackward(int count, int costPerItem, float[] rows, int[] position, float[] gate, float[] dOut, float[] dRows, float[] dGate, int withRows, int withGate, int k, int dim) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("MoeKernels.combineBackward", count, rows, position, gate, dOut, dRows, dGate, withRows, withGate, k, dim);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> MoeKernels.combineBackward(rows, position, gate, dOut, dRows, dGate, withRows, withGate, k, dim, lo, hi));
        }
    }

    /** {@link MoeKernels#dispatch} over {@code [0, count)}. */
    public static void dispatch(int count, int costPerItem, int[] index, int[] order, int assignments, int k, int[] offsets, int capacity, int[] position, int[] tokenOfRow) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("MoeKernels.dispatch", count, index, order, assignments, k, offsets, capacity, position, tokenOfRow);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> MoeKernels.dispatch(index, order, assignments, k, offsets, capacity, position, tokenOfRow, lo, hi));
        }
    }

    /** {@link MoeKernels#histogram} over {@code [0, count)}. */
    public static void histogram(int count, int costPerItem, int[] index, int assignments, int[] counts) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("MoeKernels.histogram", count, index, assignments, counts);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> MoeKernels.histogram(index, assignments, counts, lo, hi));
        }
    }

    /** {@link MoeKernels#topK} over {@code [0, count)}. */
    public static void topK(int count, int costPerItem, float[] scores, int experts, int k, int[] index) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("MoeKernels.topK", count, scores, experts, k, index);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> MoeKernels.topK(scores, experts, k, index, lo, hi));
        }
    }
}
