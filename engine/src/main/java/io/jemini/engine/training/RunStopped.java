package io.jemini.engine.training;

import java.nio.file.Path;

/** A run stopped on request after writing a checkpoint; it can be resumed from {@code checkpoint}. */
public final class RunStopped extends RuntimeException {
    private final String signal;

    public RunStopped(String signal, long step, Path runDir, Path checkpoint) {
        super("stopped by SIG" + signal + " after step " + step + "; checkpoint " + checkpoint.getFileName()
                + " written; continue with: scripts/jemini resume " + runDir);
        this.signal = signal;
    }

    /** The exit code the shell expects for the signal. */
    public int exitCode() {
        return StopRequest.exitCode(signal);
    }
}
