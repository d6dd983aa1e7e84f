package io.jemini.eval.cli.bench;

import io.jemini.eval.bench.AttentionBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jemini bench attention}. */
@Command(name = "attention", mixinStandardHelpOptions = true,
        description = "Blockwise (flash-style) attention against plain attention and PyTorch's, forward and backward.")
final class AttentionBench implements Callable<Integer> {
    @Mixin
    BenchOptions options;

    @Override
    public Integer call() {
        return options.run(() -> AttentionBenchmark.run(options.quick, options.python,
                Path.of("scripts", "baselines", "attention_torch.py"), System.out));
    }
}
