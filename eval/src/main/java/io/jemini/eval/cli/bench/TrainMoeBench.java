package io.jemini.eval.cli.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jemini bench train-moe}: {@link TrainLmBench} on an MoE model. */
@Command(name = "train-moe", mixinStandardHelpOptions = true,
        description = "Training steps of an MoE LM (default configs/moe-vs-dense-brown.json with moe.enabled=true) against "
                + "the same model in PyTorch on the CPU.")
final class TrainMoeBench implements Callable<Integer> {
    @Mixin
    BenchOptions options;

    @Mixin
    ModelOptions model;

    @Override
    public Integer call() {
        return TrainLmBench.run(options, BenchConfigs.lm(model.config, "moe-vs-dense-brown", "moe.enabled=true"),
                model.vocab);
    }
}
