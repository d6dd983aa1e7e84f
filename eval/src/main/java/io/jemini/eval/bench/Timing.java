package io.jemini.eval.bench;

import io.jemini.engine.device.DeviceRuntime;
import java.util.Arrays;

/**
 * Best-of-N wall-clock timing after warm-up: the least disturbed run on a shared, noisy machine.
 * On a device run every timed call ends when the device has finished what it was given (launches
 * are asynchronous).
 */
final class Timing {
    private Timing() {
    }

    /** Runs {@code body} and, on a device run, waits for the device. */
    private static void complete(Runnable body) {
        body.run();
        waitForDevice();
    }

    private static void waitForDevice() {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.finish();
        }
    }

    /**
     * Warms up with at least {@code warmups} runs and, when there are any, at least half a second
     * of running (so the JIT has compiled the hot code), then returns the fastest of {@code reps}
     * runs in seconds.
     */
    static double best(int warmups, int reps, Runnable body) {
        return bestAlternating(warmups, reps, body)[0];
    }

    /**
     * Like {@link #best} for several bodies compared with each other: warm-up and timed runs
     * alternate between them, so a slow spell of a shared machine falls on all of them rather
     * than on whichever was timed then. Returns each body's fastest run in seconds.
     */
    static double[] bestAlternating(int warmups, int reps, Runnable... bodies) {
        long warmStart = System.nanoTime();
        for (int i = 0; i < warmups || (warmups > 0 && System.nanoTime() - warmStart < 500_000_000L); i++) {
            for (Runnable body : bodies) {
                complete(body);
            }
        }
        double[] best = new double[bodies.length];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        for (int i = 0; i < reps; i++) {
            for (int b = 0; b < bodies.length; b++) {
                long t0 = System.nanoTime();
                complete(bodies[b]);
                best[b] = Math.min(best[b], (System.nanoTime() - t0) / 1e9);
            }
        }
        return best;
    }

    /**
     * Seconds per training step: {@code steps} steps in three timed windows after five warm-up
     * windows, the fastest window divided by its steps (the training benchmarks and their PyTorch
     * scripts time alike).
     */
    static double perStep(int steps, Runnable step) {
        int window = Math.max(1, steps / 3);
        return best(5, 3, () -> {
            for (int i = 0; i < window; i++) {
                step.run();
            }
        }) / window;
    }

    /**
     * For short calls: after half a second of warm-up, {@code samples} samples, each timing as
     * many back-to-back calls as fill {@link #SAMPLE_SECONDS}; returns the fastest sample's time
     * per call in seconds. A single microsecond-scale call is dominated by timer and scheduling
     * noise on a shared machine; the Python baselines are timed the same way.
     */
    static double bestPerCall(int samples, Runnable body) {
        best(1, 0, body);
        long t0 = System.nanoTime();
        complete(body);
        double once = Math.max(1e-7, (System.nanoTime() - t0) / 1e9);
        int calls = (int) Math.max(1, Math.min(100_000, SAMPLE_SECONDS / once));
        double best = Double.POSITIVE_INFINITY;
        for (int s = 0; s < samples; s++) {
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                body.run();
            }
            waitForDevice();
            best = Math.min(best, (System.nanoTime() - start) / 1e9 / calls);
        }
        return best;
    }

    /** The least time one sample of {@link #bestPerCall} runs for. */
    static final double SAMPLE_SECONDS = 0.05;
}
