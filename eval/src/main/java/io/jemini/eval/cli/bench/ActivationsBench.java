package io.jemini.eval.cli.bench;

import io.jemini.eval.bench.ActivationMemoryBenchmark;
import io.jemini.lm.model.MoeFeedForwards;
import io.jemini.lm.training.LmRunConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jemini bench activations}. */
@Command(name = "activations", mixinStandardHelpOptions = true,
        description = "Activation memory and step time with every block's activations stored against checkpointed blocks.")
final class ActivationsBench implements Callable<Integer> {
    @Mixin
    BenchOptions options;

    @Mixin
    ModelOptions model;

    @Override
    public Integer call() {
        LmRunConfig cfg = BenchConfigs.lm(model.config, "lm-brown-small");
        return options.run(() -> ActivationMemoryBenchmark.run(cfg, model.vocab, options.quick, System.out,
                MoeFeedForwards.factory(cfg)));
    }
}
