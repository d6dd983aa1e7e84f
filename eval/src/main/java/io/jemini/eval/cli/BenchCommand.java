package io.jemini.eval.cli;

import io.jemini.eval.bench.MatmulBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Benchmarks that print Jemini's speed as a ratio against baselines measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure kernels against baselines (EJML, numpy/OpenBLAS) in the same run.")
final class BenchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SUITE", description = "the benchmark: ${COMPLETION-CANDIDATES}")
    Suite suite;

    @Option(names = "--quick", description = "small sizes only (a smoke run)")
    boolean quick;

    @Option(names = "--python", paramLabel = "PATH", defaultValue = "/usr/bin/python3",
            description = "python with numpy for the baseline (default: ${DEFAULT-VALUE})")
    String python;

    @Mixin
    ThreadsOption threads;

    enum Suite { matmul }

    @Override
    public Integer call() {
        threads.apply();
        MatmulBenchmark.run(quick, python, System.out);
        return 0;
    }
}
