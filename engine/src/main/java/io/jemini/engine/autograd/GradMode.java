package io.jemini.engine.autograd;

/**
 * Whether ops record the graph on the current thread. {@link #disabled()} opens a no-grad scope
 * for evaluation and parameter updates, restored when the scope closes.
 */
public final class GradMode {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);

    private GradMode() {
    }

    public static boolean isEnabled() {
        return ENABLED.get();
    }

    /** A scope in which no op records a graph: {@code try (var s = GradMode.disabled()) { ... }}. */
    public static Scope disabled() {
        boolean previous = ENABLED.get();
        ENABLED.set(Boolean.FALSE);
        return () -> ENABLED.set(previous);
    }

    /** A scope in which ops record the graph again (e.g. a recomputation inside a backward pass). */
    public static Scope enabled() {
        boolean previous = ENABLED.get();
        ENABLED.set(Boolean.TRUE);
        return () -> ENABLED.set(previous);
    }

    /** A grad-mode scope; closing it restores the previous mode. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
