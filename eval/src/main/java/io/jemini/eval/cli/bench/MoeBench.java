package io.jemini.eval.cli.bench;

import io.jemini.eval.bench.MoeBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jemini bench moe}. */
@Command(name = "moe", mixinStandardHelpOptions = true,
        description = "A dropless MoE layer's forward and backward against a dense SwiGLU of the same active FLOPs.")
final class MoeBench implements Callable<Integer> {
    @Mixin
    BenchOptions options;

    @Override
    public Integer call() {
        return options.run(() -> MoeBenchmark.run(options.quick, System.out));
    }
}
