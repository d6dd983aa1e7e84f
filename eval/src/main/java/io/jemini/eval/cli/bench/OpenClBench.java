package io.jemini.eval.cli.bench;

import io.jemini.eval.bench.OpenClBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code jemini bench opencl}: the device path against the JVM backend (--device chooses the device). */
@Command(name = "opencl", mixinStandardHelpOptions = true,
        description = "The OpenCL path against the jvm backend: launch overhead, copies, SGEMM, MoE and sparse-similarity "
                + "kernels, and training steps of the quickstart, dense and with MoE, with the bytes they move.")
final class OpenClBench implements Callable<Integer> {
    @Mixin
    BenchOptions options;

    @Option(names = "--config", paramLabel = "CONFIG",
            description = "the LM config whose training steps are timed (default: configs/quickstart.json)")
    Path config;

    @Override
    public Integer call() {
        if (options.backend.runtime().onDevice()) {
            throw new ParameterException(options.spec.commandLine(), "bench opencl compares the device with the jvm backend "
                    + "itself; --backend does not apply (choose the device with --device)");
        }
        return options.run(() -> OpenClBenchmark.run(options.backend.device, BenchConfigs.lm(config, "quickstart", "moe.enabled=false"),
                BenchConfigs.lm(config, "quickstart", "moe.enabled=true"), options.quick, System.out));
    }
}
