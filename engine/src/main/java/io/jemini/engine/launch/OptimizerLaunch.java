package io.jemini.engine.launch;

import io.jemini.engine.device.DeviceRuntime;
import io.jemini.kernels.OptimizerKernels;

/**
 * Launches of {@link OptimizerKernels} on the engine's backend: the translated kernel on the
 * installed device, else the Java kernel on the JVM backend. Generated from the kernel signatures
 * by LaunchStubs (engine tests); LaunchStubsTest fails when this file differs.
 */
public final class OptimizerLaunch {
    private OptimizerLaunch() {
    }

    /** {@link OptimizerKernels#adamW} over {@code [0, count)}. */
    public static void adamW(int count, int costPerItem, float[] p, float[] g, float[] m, float[] v, float lr, float beta1, float beta2, float eps, float weightDecay, float bc1, float bc2) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("OptimizerKernels.adamW", count, p, g, m, v, lr, beta1, beta2, eps, weightDecay, bc1, bc2);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> OptimizerKernels.adamW(p, g, m, v, lr, beta1, beta2, eps, weightDecay, bc1, bc2, lo, hi));
        }
    }

    /** {@link OptimizerKernels#scale} over {@code [0, count)}. */
    public static void scale(int count, int costPerItem, float[] x, float scale) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("OptimizerKernels.scale", count, x, scale);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> OptimizerKernels.scale(x, scale, lo, hi));
        }
    }

    /** {@link OptimizerKernels#sgd} over {@code [0, count)}. */
    public static void sgd(int count, int costPerItem, float[] p, float[] g, float[] buf, float lr, float momentum, float weightDecay, int firstStep) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("OptimizerKernels.sgd", count, p, g, buf, lr, momentum, weightDecay, firstStep);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> OptimizerKernels.sgd(p, g, buf, lr, momentum, weightDecay, firstStep, lo, hi));
        }
    }
}
