package io.jemini.engine.launch;

import io.jemini.engine.device.DeviceRuntime;
import io.jemini.kernels.SparseSimilarityKernels;

/**
 * Launches of {@link SparseSimilarityKernels} on the engine's backend: the translated kernel on the
 * installed device, else the Java kernel on the JVM backend. Generated from the kernel signatures
 * by LaunchStubs (engine tests); LaunchStubsTest fails when this file differs.
 */
public final class SparseSimilarityLaunch {
    private SparseSimilarityLaunch() {
    }

    /** {@link SparseSimilarityKernels#backwardPatches} over {@code [0, count)}. */
    public static void backwardPatches(int count, int costPerItem, float[] t, float[] a, float[] ds, float[] dc, int tokens, int patches, int dim, float[] dv) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("SparseSimilarityKernels.backwardPatches", count, t, a, ds, dc, tokens, patches, dim, dv);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> SparseSimilarityKernels.backwardPatches(t, a, ds, dc, tokens, patches, dim, dv, lo, hi));
        }
    }

    /** {@link SparseSimilarityKernels#backwardRows} over {@code [0, count)}. */
    public static void backwardRows(int count, int costPerItem, float[] t, float[] v, float[] s, float[] a, int[] argMin, int[] argMax, float[] range, float[] dc, int tokens, int patches, int dim, float sigma, float[] ds, float[] dt, int withT) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("SparseSimilarityKernels.backwardRows", count, t, v, s, a, argMin, argMax, range, dc, tokens, patches, dim, sigma, ds, dt, withT);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> SparseSimilarityKernels.backwardRows(t, v, s, a, argMin, argMax, range, dc, tokens, patches, dim, sigma, ds, dt, withT, lo, hi));
        }
    }

    /** {@link SparseSimilarityKernels#forward} over {@code [0, count)}. */
    public static void forward(int count, int costPerItem, float[] t, float[] v, int tokens, int patches, int dim, float sigma, float eps, float[] s, float[] a, int[] argMin, int[] argMax, float[] range, float[] c) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("SparseSimilarityKernels.forward", count, t, v, tokens, patches, dim, sigma, eps, s, a, argMin, argMax, range, c);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> SparseSimilarityKernels.forward(t, v, tokens, patches, dim, sigma, eps, s, a, argMin, argMax, range, c, lo, hi));
        }
    }
}
