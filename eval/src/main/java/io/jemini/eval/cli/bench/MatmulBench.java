package io.jemini.eval.cli.bench;

import io.jemini.eval.bench.MatmulBenchmark;
import io.jemini.lm.training.LmRunConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

/** {@code jemini bench matmul}. */
@Command(name = "matmul", mixinStandardHelpOptions = true,
        description = "Square, tall and model-layer matrix products against EJML and numpy/OpenBLAS.")
final class MatmulBench implements Callable<Integer> {
    @Mixin
    BenchOptions options;

    @Override
    public Integer call() {
        if (options.backend.runtime().onDevice()) {
            throw new ParameterException(options.spec.commandLine(), "--backend opencl does not apply: this benchmark "
                    + "measures the jvm backend's kernels against BLAS (bench opencl times the device's SGEMM)");
        }
        return options.run(() -> {
            Map<String, LmRunConfig> models = new LinkedHashMap<>();
            for (String name : List.of("quickstart", "lm-brown-small")) {
                models.put(name, BenchConfigs.lm(null, name));
            }
            MatmulBenchmark.run(options.quick, options.python, System.out, models);
        });
    }
}
