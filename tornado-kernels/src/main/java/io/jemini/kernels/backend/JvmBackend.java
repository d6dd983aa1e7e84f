package io.jemini.kernels.backend;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs portable kernels on the CPU by splitting their parallel outer loop into contiguous chunks
 * that the calling thread and {@code threads - 1} workers claim from a shared counter. Every index
 * of the outer loop is computed by exactly one thread with the same arithmetic, so results do not
 * depend on the thread count.
 *
 * <p>A training step is thousands of small parallel loops back to back, so the cost of starting
 * one matters as much as the work in it: a parked thread takes tens to hundreds of microseconds
 * to wake on a virtual machine. Workers therefore spin for {@link #SPIN_NANOS} after each loop
 * before they park, and the caller works on chunks itself instead of waiting for a worker.
 */
public final class JvmBackend implements AutoCloseable {
    /** System property that sets the default thread count. */
    public static final String THREADS_PROPERTY = "jemini.threads";
    /** How long an idle worker watches for the next loop before it parks. */
    static final long SPIN_NANOS = 200_000;
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);

    private static volatile JvmBackend current;

    private final int threads;
    private final Worker[] workers;
    private final ReentrantLock submit = new ReentrantLock();
    private volatile Job job;
    private volatile boolean closed;

    public JvmBackend(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker();
            Thread t = new Thread(workers[i], "jemini-jvm-" + (i + 1));
            t.setDaemon(true);
            workers[i].thread = t;
            t.start();
        }
    }

    /** One parallel loop: its body and chunking, the next chunk to claim, and the chunks finished. */
    private static final class Job {
        final RangeBody body;
        final int n;
        final int chunk;
        final int chunks;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(RangeBody body, int n, int chunk, int chunks) {
            this.body = body;
            this.n = n;
            this.chunk = chunk;
            this.chunks = chunks;
        }

        /** Claims and runs chunks until none is left (nothing, for a finished job). */
        void work() {
            INSIDE.set(true);
            try {
                for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                    try {
                        body.run(c * chunk, Math.min(n, (c + 1) * chunk));
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    } finally {
                        done.incrementAndGet();
                    }
                }
            } finally {
                INSIDE.set(false);
            }
        }
    }

    /** A worker thread: runs each new job's chunks, spins for a while when idle, then parks. */
    private final class Worker implements Runnable {
        volatile boolean parked;
        Thread thread;

        @Override
        public void run() {
            while (!closed) {
                Job j = job;
                if (j != null) {
                    j.work();
                }
                long idleSince = System.nanoTime();
                while (job == j && !closed && System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                }
                if (job == j && !closed) {
                    parked = true;
                    if (job == j && !closed) {
                        LockSupport.park(this);
                    }
                    parked = false;
                }
            }
        }
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
     * indices. Calls from inside a body, and calls made while another thread's loop is running,
     * run inline on the calling thread. An exception thrown by the body is rethrown here.
     */
    public void parallelFor(int n, int grain, RangeBody body) {
        if (n <= 0) {
            return;
        }
        int g = Math.max(grain, 1);
        int chunks = Math.min(threads * 4, (n + g - 1) / g);
        run(n, (n + chunks - 1) / chunks, body);
    }

    /**
     * Runs {@code body} over {@code [0, n)} with every index claimed on its own: for many large
     * tasks of unequal size, which chunks of several would finish with one thread still working
     * while the others wait. Same inline rules and exceptions as {@link #parallelFor}.
     */
    public void parallelTasks(int n, RangeBody body) {
        if (n > 0) {
            run(n, 1, body);
        }
    }

    private void run(int n, int chunk, RangeBody body) {
        int chunks = (n + chunk - 1) / chunk;
        if (workers.length == 0 || chunks <= 1 || INSIDE.get() || !submit.tryLock()) {
            body.run(0, n);
            return;
        }
        try {
            Job j = new Job(body, n, chunk, chunks);
            job = j;
            for (Worker w : workers) {
                if (w.parked) {
                    LockSupport.unpark(w.thread);
                }
            }
            j.work();
            while (j.done.get() < j.chunks) {
                Thread.onSpinWait();
            }
            job = null;
            Throwable failure = j.failure.get();
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
        } finally {
            submit.unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Worker w : workers) {
            LockSupport.unpark(w.thread);
        }
    }

}
