package io.jemini.eval.cli;

import io.jemini.engine.config.Backend;
import io.jemini.engine.config.ConfigChoice;
import io.jemini.engine.config.RuntimeSection;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --backend} and {@code --device} for commands that compute outside a run's config ({@code op}, {@code bench}). */
public final class BackendOptions {
    @Option(names = "--backend", paramLabel = "jvm|opencl", defaultValue = "jvm",
            description = "where Jemini computes (default: ${DEFAULT-VALUE}); opencl runs the kernels on a device")
    public String backend;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "auto",
            description = "with --backend opencl: auto, gpu, cpu, a number or part of a name (default: ${DEFAULT-VALUE})")
    public String device;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** The chosen backend and device; an unknown backend is a usage error naming the allowed ones. */
    public RuntimeSection runtime() {
        for (Backend b : Backend.values()) {
            if (b.key().equals(backend)) {
                return new RuntimeSection(b, device);
            }
        }
        throw new ParameterException(spec.commandLine(), "--backend " + backend + " is not allowed; allowed: "
                + String.join(", ", ConfigChoice.keys(Backend.class)));
    }
}
