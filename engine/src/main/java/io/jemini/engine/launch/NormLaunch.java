package io.jemini.engine.launch;

import io.jemini.engine.device.DeviceRuntime;
import io.jemini.kernels.NormKernels;

/**
 * Launches of {@link NormKernels} on the engine's backend: the translated kernel on the
 * installed device, else the Java kernel on the JVM backend. Generated from the kernel signatures
 * by LaunchStubs (engine tests); LaunchStubsTest fails when this file differs.
 */
public final class NormLaunch {
    private NormLaunch() {
    }

    /** {@link NormKernels#l2Normalize} over {@code [0, count)}. */
    public static void l2Normalize(int count, int costPerItem, float[] x, float[] y, float[] norm, int d, float eps) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("NormKernels.l2Normalize", count, x, y, norm, d, eps);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> NormKernels.l2Normalize(x, y, norm, d, eps, lo, hi));
        }
    }

    /** {@link NormKernels#l2NormalizeBackward} over {@code [0, count)}. */
    public static void l2NormalizeBackward(int count, int costPerItem, float[] y, float[] norm, float[] dy, float[] dx, int d, float eps) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("NormKernels.l2NormalizeBackward", count, y, norm, dy, dx, d, eps);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> NormKernels.l2NormalizeBackward(y, norm, dy, dx, d, eps, lo, hi));
        }
    }

    /** {@link NormKernels#layerNorm} over {@code [0, count)}. */
    public static void layerNorm(int count, int costPerItem, float[] x, float[] w, float[] b, float[] y, float[] mean, float[] rstd, int d, float eps) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("NormKernels.layerNorm", count, x, w, b, y, mean, rstd, d, eps);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> NormKernels.layerNorm(x, w, b, y, mean, rstd, d, eps, lo, hi));
        }
    }

    /** {@link NormKernels#layerNormBackward} over {@code [0, count)}. */
    public static void layerNormBackward(int count, int costPerItem, float[] x, float[] w, float[] mean, float[] rstd, float[] dy, float[] dx, int d) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("NormKernels.layerNormBackward", count, x, w, mean, rstd, dy, dx, d);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> NormKernels.layerNormBackward(x, w, mean, rstd, dy, dx, d, lo, hi));
        }
    }

    /** {@link NormKernels#layerNormParamBackward} over {@code [0, count)}. */
    public static void layerNormParamBackward(int count, int costPerItem, float[] x, float[] mean, float[] rstd, float[] dy, float[] dw, float[] db, int rows, int d) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("NormKernels.layerNormParamBackward", count, x, mean, rstd, dy, dw, db, rows, d);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> NormKernels.layerNormParamBackward(x, mean, rstd, dy, dw, db, rows, d, lo, hi));
        }
    }

    /** {@link NormKernels#rmsNorm} over {@code [0, count)}. */
    public static void rmsNorm(int count, int costPerItem, float[] x, float[] w, float[] y, float[] rstd, int d, float eps) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("NormKernels.rmsNorm", count, x, w, y, rstd, d, eps);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> NormKernels.rmsNorm(x, w, y, rstd, d, eps, lo, hi));
        }
    }

    /** {@link NormKernels#rmsNormBackward} over {@code [0, count)}. */
    public static void rmsNormBackward(int count, int costPerItem, float[] x, float[] w, float[] rstd, float[] dy, float[] dx, int d) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("NormKernels.rmsNormBackward", count, x, w, rstd, dy, dx, d);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> NormKernels.rmsNormBackward(x, w, rstd, dy, dx, d, lo, hi));
        }
    }

    /** {@link NormKernels#rmsNormParamBackward} over {@code [0, count)}. */
    public static void rmsNormParamBackward(int count, int costPerItem, float[] x, float[] rstd, float[] dy, float[] dw, int rows, int d) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("NormKernels.rmsNormParamBackward", count, x, rstd, dy, dw, rows, d);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> NormKernels.rmsNormParamBackward(x, rstd, dy, dw, rows, d, lo, hi));
        }
    }
}
