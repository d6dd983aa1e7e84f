package io.jemini.eval.cli;

import io.jemini.engine.config.UsageException;
import io.jemini.kernels.backend.JvmBackend;
import picocli.CommandLine.Option;

/** The {@code --threads} option shared by commands that compute: installs a backend of that size. */
public final class ThreadsOption {
    @Option(names = {"-t", "--threads"}, paramLabel = "N",
            description = "worker threads for the jvm backend (default: available cores; results do not depend on it)")
    Integer threads;

    public void apply() {
        if (threads != null) {
            if (threads < 1) {
                throw new UsageException("--threads=" + threads + " is not allowed: use a whole number >= 1");
            }
            JvmBackend previous = JvmBackend.install(new JvmBackend(threads));
            if (previous != null) {
                previous.close();
            }
        }
    }
}
