package io.jemini.eval.bench;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated on the heap by every live thread while a body runs (the calling thread and the
 * backend's workers): for an op that allocates its buffers once, this is its memory footprint.
 */
final class AllocationMeter {
    private AllocationMeter() {
    }

    static long allocatedBy(Runnable body) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = total(threads);
        body.run();
        return total(threads) - before;
    }

    private static long total(com.sun.management.ThreadMXBean threads) {
        long sum = 0;
        for (long b : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, b);
        }
        return sum;
    }
}
