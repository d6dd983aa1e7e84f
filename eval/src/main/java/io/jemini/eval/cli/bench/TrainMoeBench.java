package io.jemini.eval.cli.bench;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jemini bench train-moe}: {@link TrainLmBench} on an MoE model. */
@Command(name = "train-moe", mixinStandardHelpOptions = true,
        description = "Training steps of an MoE LM (default configs/moe-vs-dense-brown.json with moe.enabled=true) against "
                + "the same model in PyTorch on the CPU.")
final class TrainMoeBench implements Callable<Integer> {
    @Mixin
    BenchOptions options;

    @Option(names = "--config", paramLabel = "CONFIG", description = "the config whose model is measured (MoE is switched on)")
    Path config;

    @Option(names = "--vocab", defaultValue = "2048", description = "vocabulary size (default: ${DEFAULT-VALUE})")
    int vocab;

    @Override
    public Integer call() {
        return TrainLmBench.run(options, BenchConfigs.lm(config, "moe-vs-dense-brown", "moe.enabled=true"), vocab);
    }
}
