package io.jemini.engine.launch;

import io.jemini.engine.device.DeviceRuntime;
import io.jemini.kernels.FlashAttentionKernels;

/**
 * Launches of {@link FlashAttentionKernels} on the engine's backend: the translated kernel on the
 * installed device, else the Java kernel on the JVM backend. Generated from the kernel signatures
 * by LaunchStubs (engine tests); LaunchStubsTest fails when this file differs.
 */
public final class FlashAttentionLaunch {
    private FlashAttentionLaunch() {
    }

    /** {@link FlashAttentionKernels#backwardKeyValue} over {@code [0, count)}. */
    public static void backwardKeyValue(int count, int costPerItem, float[] q, float[] k, float[] v, float[] lse, float[] delta, float[] dOut, float[] dk, float[] dv, int hq, int hkv, int tq, int tk, int capacity, int d, float scale, int causal, int window, int[] padding, int padded) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("FlashAttentionKernels.backwardKeyValue", count, q, k, v, lse, delta, dOut, dk, dv, hq, hkv, tq, tk, capacity, d, scale, causal, window, padding, padded);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> FlashAttentionKernels.backwardKeyValue(q, k, v, lse, delta, dOut, dk, dv, hq, hkv, tq, tk, capacity, d, scale, causal, window, padding, padded, lo, hi));
        }
    }

    /** {@link FlashAttentionKernels#backwardQuery} over {@code [0, count)}. */
    public static void backwardQuery(int count, int costPerItem, float[] q, float[] k, float[] v, float[] lse, float[] delta, float[] dOut, float[] dq, int hq, int hkv, int tq, int tk, int capacity, int d, float scale, int causal, int window, int[] padding, int padded) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("FlashAttentionKernels.backwardQuery", count, q, k, v, lse, delta, dOut, dq, hq, hkv, tq, tk, capacity, d, scale, causal, window, padding, padded);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> FlashAttentionKernels.backwardQuery(q, k, v, lse, delta, dOut, dq, hq, hkv, tq, tk, capacity, d, scale, causal, window, padding, padded, lo, hi));
        }
    }

    /** {@link FlashAttentionKernels#forward} over {@code [0, count)}. */
    public static void forward(int count, int costPerItem, float[] q, float[] k, float[] v, float[] out, float[] lse, int hq, int hkv, int tq, int tk, int capacity, int d, float scale, int causal, int window, int[] padding, int padded) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("FlashAttentionKernels.forward", count, q, k, v, out, lse, hq, hkv, tq, tk, capacity, d, scale, causal, window, padding, padded);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> FlashAttentionKernels.forward(q, k, v, out, lse, hq, hkv, tq, tk, capacity, d, scale, causal, window, padding, padded, lo, hi));
        }
    }

    /** {@link FlashAttentionKernels#rowDot} over {@code [0, count)}. */
    public static void rowDot(int count, int costPerItem, float[] dOut, float[] out, float[] delta, int d) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("FlashAttentionKernels.rowDot", count, dOut, out, delta, d);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> FlashAttentionKernels.rowDot(dOut, out, delta, d, lo, hi));
        }
    }
}
