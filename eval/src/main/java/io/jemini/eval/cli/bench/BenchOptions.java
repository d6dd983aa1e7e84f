package io.jemini.eval.cli.bench;

import io.jemini.engine.config.Backend;
import io.jemini.engine.config.RuntimeSection;
import io.jemini.engine.device.DeviceScope;
import io.jemini.eval.cli.ThreadsOption;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options every benchmark takes, and running one with its threads and backend in place. */
final class BenchOptions {
    @Option(names = "--quick", description = "small sizes / few steps (a smoke run)")
    boolean quick;

    @Option(names = "--python", paramLabel = "PATH", defaultValue = "/usr/bin/python3",
            description = "python with numpy / torch for the baselines (default: ${DEFAULT-VALUE})")
    String python;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--backend", paramLabel = "jvm|opencl", defaultValue = "jvm",
            description = "where Jemini's side runs (default: ${DEFAULT-VALUE}); the baselines are unchanged")
    String backend;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "auto",
            description = "the OpenCL device (auto, gpu, cpu, a number or part of a name; default: ${DEFAULT-VALUE})")
    String device;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** Runs {@code body} with the thread count and, for {@code --backend opencl}, the device installed. */
    int run(Runnable body) {
        if (!backend.equals("jvm") && !backend.equals("opencl")) {
            throw new ParameterException(spec.commandLine(), "--backend " + backend + " is not allowed; allowed: jvm, opencl");
        }
        threads.apply();
        try (DeviceScope scope = DeviceScope.open(new RuntimeSection(backend.equals("opencl") ? Backend.OPENCL : Backend.JVM, device), 0)) {
            if (scope.onDevice()) {
                System.out.println("jemini side on " + scope.describe());
            }
            body.run();
        }
        return 0;
    }
}
