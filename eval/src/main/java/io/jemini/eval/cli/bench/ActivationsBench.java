package io.jemini.eval.cli.bench;

import io.jemini.engine.training.LmRunConfig;
import io.jemini.eval.bench.ActivationMemoryBenchmark;
import io.jemini.experts.layer.MoeFeedForwards;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jemini bench activations}. */
@Command(name = "activations", mixinStandardHelpOptions = true,
        description = "Activation memory and step time with every block's activations stored against checkpointed blocks.")
final class ActivationsBench implements Callable<Integer> {
    @Mixin
    BenchOptions options;

    @Option(names = "--config", paramLabel = "CONFIG",
            description = "the config whose model is measured (default: configs/lm-brown-small.json)")
    Path config;

    @Option(names = "--vocab", defaultValue = "2048", description = "vocabulary size (default: ${DEFAULT-VALUE})")
    int vocab;

    @Override
    public Integer call() {
        LmRunConfig cfg = BenchConfigs.lm(config, "lm-brown-small");
        return options.run(() -> ActivationMemoryBenchmark.run(cfg, vocab, options.quick, System.out,
                MoeFeedForwards.factory(cfg)));
    }
}
