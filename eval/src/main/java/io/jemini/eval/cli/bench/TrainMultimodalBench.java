package io.jemini.eval.cli.bench;

import io.jemini.engine.config.ConfigReader;
import io.jemini.eval.bench.TrainMultimodalBenchmark;
import io.jemini.multimodal.training.MultimodalConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jemini bench train-multimodal}: multimodal training steps against PyTorch on the CPU. */
@Command(name = "train-multimodal", mixinStandardHelpOptions = true,
        description = "Training steps of the multimodal model (default configs/multimodal-dense-vs-moe.json, dense) against "
                + "the same model in PyTorch on the CPU, in positions (words and patches) per second.")
final class TrainMultimodalBench implements Callable<Integer> {
    @Mixin
    BenchOptions options;

    @Option(names = "--config", paramLabel = "CONFIG", description = "a multimodal config whose model is timed")
    Path config;

    @Override
    public Integer call() {
        Path file = config != null ? config : Path.of("configs", "multimodal-dense-vs-moe.json");
        MultimodalConfig cfg = ConfigReader.load(file, MultimodalConfig.class, MultimodalConfig.defaults(),
                List.of("moe.enabled=false"), List.of()).get(0).config();
        return options.run(() -> TrainMultimodalBenchmark.run(cfg, options.quick ? 6 : 30, options.python,
                Path.of("scripts", "baselines", "train_multimodal_torch.py"), System.out));
    }
}
