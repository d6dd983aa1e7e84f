package io.jemini.eval.report;

/**
 * Whether this Java runtime can draw a report's figures. Drawing needs the {@code java.desktop}
 * module, which the self-contained bundle leaves out to stay small; reports made there say so and
 * {@code jemini report RUN_DIR} on a full JDK draws them later. This class names no AWT type, so
 * asking is safe on any runtime.
 */
public final class Figures {
    /** What a report says in place of its figures when they cannot be drawn. */
    public static final String NOT_DRAWN = "Figures were not drawn: this Java runtime has no java.desktop module (the "
            + "self-contained bundle leaves it out); `jemini report RUN_DIR` on a full JDK draws them.\n\n";

    private Figures() {
    }

    public static boolean available() {
        return ModuleLayer.boot().findModule("java.desktop").isPresent();
    }
}
