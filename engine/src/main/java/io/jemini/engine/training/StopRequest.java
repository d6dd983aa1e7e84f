package io.jemini.engine.training;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * A graceful stop asked for by SIGTERM or SIGINT: while a training loop runs, the first signal
 * lets the running step finish and a checkpoint be written before the run exits (143 for TERM,
 * 130 for INT), and a second signal aborts at once. Training loops poll {@link #pending()} after
 * every step, inside a {@link #training()} scope; outside one (building data, evaluating, between
 * sweep points, or a JVM that merely installed the handlers) a signal exits at once, as it would
 * without them.
 */
public final class StopRequest {
    private static final AtomicReference<String> SIGNAL = new AtomicReference<>();
    private static final AtomicInteger TRAINING = new AtomicInteger();

    /** The span of a training loop, during which a signal waits for the step to finish. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private StopRequest() {
    }

    /** Installs the handlers; where the JVM reserves a signal (e.g. under {@code -Xrs}) its default stays. */
    public static synchronized void install() {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), StopRequest::handle);
            } catch (IllegalArgumentException e) {
                System.err.println("jemini: SIG" + name + " cannot be handled here (" + e.getMessage() + "); it stops the run "
                        + "without a checkpoint");
            }
        }
    }

    /** Marks a training loop as running until the returned scope is closed (closing twice is harmless). */
    public static Scope training() {
        TRAINING.incrementAndGet();
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.getAndSet(false)) {
                TRAINING.decrementAndGet();
            }
        };
    }

    private static void handle(Signal s) {
        if (TRAINING.get() == 0) {
            System.exit(exitCode(s.getName()));
        }
        if (!SIGNAL.compareAndSet(null, s.getName())) {
            System.err.println("jemini: second " + s.getName() + " signal; stopping now without a checkpoint");
            Runtime.getRuntime().halt(exitCode(s.getName()));
        }
        System.err.println("jemini: SIG" + s.getName() + " received; finishing this step and writing a checkpoint "
                + "(send it again to stop at once)");
    }

    /** The name of the signal that asked for a stop ({@code TERM} or {@code INT}), or null. */
    public static String pending() {
        return SIGNAL.get();
    }

    /** The shell's exit code for a process ended by {@code signal}: 128 + its number. */
    public static int exitCode(String signal) {
        return "INT".equals(signal) ? 130 : 143;
    }
}
