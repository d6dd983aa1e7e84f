package io.jemini.engine.training;

import java.lang.management.ManagementFactory;

/**
 * The largest Java heap use seen in this JVM (live objects and garbage not yet collected), from
 * samples taken where they are cheap — each training step — and reported in {@code results.json}.
 * JVM-wide: runs in one JVM share it.
 */
public final class PeakHeap {
    private static long peakBytes;

    private PeakHeap() {
    }

    /** Records the heap in use now. */
    public static synchronized void sample() {
        peakBytes = Math.max(peakBytes, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    /** The largest sample so far, this moment included, in MiB (never more than the heap limit). */
    public static synchronized double megabytes() {
        sample();
        return peakBytes / (1024.0 * 1024.0);
    }
}
