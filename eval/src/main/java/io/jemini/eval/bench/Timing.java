package io.jemini.eval.bench;

/** Best-of-N wall-clock timing after warm-up: the least disturbed run on a shared, noisy machine. */
final class Timing {
    private Timing() {
    }

    /**
     * Warms up with at least {@code warmups} runs and, when there are any, at least half a second
     * of running (so the JIT has compiled the hot code), then returns the fastest of {@code reps}
     * runs in seconds.
     */
    static double best(int warmups, int reps, Runnable body) {
        long warmStart = System.nanoTime();
        for (int i = 0; i < warmups || (warmups > 0 && System.nanoTime() - warmStart < 500_000_000L); i++) {
            body.run();
        }
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            body.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }
}
