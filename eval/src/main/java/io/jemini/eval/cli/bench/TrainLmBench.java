package io.jemini.eval.cli.bench;

import io.jemini.eval.bench.TrainLmBenchmark;
import io.jemini.lm.model.MoeFeedForwards;
import io.jemini.lm.training.LmRunConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jemini bench train-lm}: training steps against PyTorch on the CPU. */
@Command(name = "train-lm", mixinStandardHelpOptions = true,
        description = "Training steps of an LM (default configs/lm-brown-small.json) against the same model in PyTorch on the CPU.")
final class TrainLmBench implements Callable<Integer> {
    @Mixin
    BenchOptions options;

    @Mixin
    ModelOptions model;

    @Override
    public Integer call() {
        return run(options, BenchConfigs.lm(model.config, "lm-brown-small"), model.vocab);
    }

    /** Times {@code cfg}'s training steps against PyTorch's. */
    static int run(BenchOptions options, LmRunConfig cfg, int vocab) {
        return options.run(() -> TrainLmBenchmark.run(cfg, vocab, options.quick ? 6 : 30, options.python,
                Path.of("scripts", "baselines", "train_lm_torch.py"), System.out, MoeFeedForwards.factory(cfg)));
    }
}
