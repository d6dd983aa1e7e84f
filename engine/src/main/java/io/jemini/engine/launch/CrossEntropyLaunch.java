package io.jemini.engine.launch;

import io.jemini.engine.device.DeviceRuntime;
import io.jemini.kernels.CrossEntropyKernels;

/**
 * Launches of {@link CrossEntropyKernels} on the engine's backend: the translated kernel on the
 * installed device, else the Java kernel on the JVM backend. Generated from the kernel signatures
 * by LaunchStubs (engine tests); LaunchStubsTest fails when this file differs.
 */
public final class CrossEntropyLaunch {
    private CrossEntropyLaunch() {
    }

    /** {@link CrossEntropyKernels#backward} over {@code [0, count)}. */
    public static void backward(int count, int costPerItem, float[] logits, int[] target, float[] lse, float[] g, float[] dlogits, int classes, int ignoreIndex, float smoothing) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("CrossEntropyKernels.backward", count, logits, target, lse, g, dlogits, classes, ignoreIndex, smoothing);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> CrossEntropyKernels.backward(logits, target, lse, g, dlogits, classes, ignoreIndex, smoothing, lo, hi));
        }
    }

    /** {@link CrossEntropyKernels#forward} over {@code [0, count)}. */
    public static void forward(int count, int costPerItem, float[] logits, int[] target, float[] loss, float[] lse, int classes, int ignoreIndex, float smoothing) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("CrossEntropyKernels.forward", count, logits, target, loss, lse, classes, ignoreIndex, smoothing);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> CrossEntropyKernels.forward(logits, target, loss, lse, classes, ignoreIndex, smoothing, lo, hi));
        }
    }
}
