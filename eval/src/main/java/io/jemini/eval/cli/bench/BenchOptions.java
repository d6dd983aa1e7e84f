package io.jemini.eval.cli.bench;

import io.jemini.engine.config.RuntimeSection;
import io.jemini.engine.device.DeviceScope;
import io.jemini.eval.cli.BackendOptions;
import io.jemini.eval.cli.ThreadsOption;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

    @Mixin
    BackendOptions backend;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** Runs {@code body} with the thread count and, for {@code --backend opencl}, the device installed. */
    int run(Runnable body) {
        RuntimeSection runtime = backend.runtime();
        threads.apply();
        try (DeviceScope scope = DeviceScope.open(runtime, 0)) {
            if (scope.onDevice()) {
                System.out.println("jemini side on " + scope.describe());
            }
            body.run();
        }
        return 0;
    }
}
