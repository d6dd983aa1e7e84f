package io.jemini.kernels.backend;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;

/**
 * Runs portable kernels on the CPU by splitting their parallel outer loop over a fixed-size
 * ForkJoin pool. Every index of the outer loop is computed by exactly one thread with the same
 * arithmetic, so results do not depend on the thread count.
 */
public final class JvmBackend implements AutoCloseable {
    /** System property that sets the default thread count. */
    public static final String THREADS_PROPERTY = "jemini.threads";

    private static volatile JvmBackend current;

    private final int threads;
    private final ForkJoinPool pool;

    public JvmBackend(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : new ForkJoinPool(threads, JvmBackend::newWorker, null, false);
    }

    private static ForkJoinWorkerThread newWorker(ForkJoinPool pool) {
        ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        thread.setDaemon(true);
        thread.setName("jemini-jvm-" + thread.getPoolIndex());
        return thread;
    }

    /** The backend the engine uses; created on first use with {@link #defaultThreads()} threads. */
    public static JvmBackend current() {
        JvmBackend backend = current;
        if (backend == null) {
            synchronized (JvmBackend.class) {
                if (current == null) {
                    current = new JvmBackend(defaultThreads());
                }
                backend = current;
            }
        }
        return backend;
    }

    /** Replaces the engine's backend, returning the previous one (which the caller may close). */
    public static synchronized JvmBackend install(JvmBackend backend) {
        JvmBackend previous = current;
        current = backend;
        return previous;
    }

    /** The {@value #THREADS_PROPERTY} property when set, else the number of available cores. */
    public static int defaultThreads() {
        String value = System.getProperty(THREADS_PROPERTY);
        if (value == null || value.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int threads = Integer.parseInt(value.trim());
            if (threads >= 1) {
                return threads;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new IllegalArgumentException(
                "-D" + THREADS_PROPERTY + "=" + value + " is not allowed: use a whole number >= 1");
    }

    public int threads() {
        return threads;
    }

    /**
     * Runs {@code body} over {@code [0, n)} split into contiguous chunks of at least {@code grain}
     * indices. Nested calls from a worker run inline.
     */
    public void parallelFor(int n, int grain, RangeBody body) {
        if (n <= 0) {
            return;
        }
        int chunks = Math.min(threads * 4, (n + Math.max(grain, 1) - 1) / Math.max(grain, 1));
        if (pool == null || chunks <= 1 || Thread.currentThread() instanceof ForkJoinWorkerThread) {
            body.run(0, n);
            return;
        }
        int chunk = (n + chunks - 1) / chunks;
        pool.invoke(new Split(body, 0, n, chunk));
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }

    private static final class Split extends RecursiveAction {
        private final RangeBody body;
        private final int lo;
        private final int hi;
        private final int chunk;

        Split(RangeBody body, int lo, int hi, int chunk) {
            this.body = body;
            this.lo = lo;
            this.hi = hi;
            this.chunk = chunk;
        }

        @Override
        protected void compute() {
            if (hi - lo <= chunk) {
                body.run(lo, hi);
                return;
            }
            int pieces = (hi - lo + chunk - 1) / chunk;
            int mid = lo + (pieces / 2) * chunk;
            invokeAll(new Split(body, lo, mid, chunk), new Split(body, mid, hi, chunk));
        }
    }
}
