package io.jemini.eval.cli.bench;

import io.jemini.contrastive.training.SparcRunConfig;
import io.jemini.engine.config.ConfigReader;
import io.jemini.eval.bench.SparcBenchmark;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jemini bench sparc}. */
@Command(name = "sparc", mixinStandardHelpOptions = true,
        description = "A SPARC training step against the same step in PyTorch on the CPU.")
final class SparcBench implements Callable<Integer> {
    @Mixin
    BenchOptions options;

    @Option(names = "--config", paramLabel = "CONFIG",
            description = "the config whose model is measured (default: configs/sparc-vs-clip-shapes.json)")
    Path config;

    @Override
    public Integer call() {
        Path file = config != null ? config : Path.of("configs", "sparc-vs-clip-shapes.json");
        SparcRunConfig cfg = ConfigReader.load(file, SparcRunConfig.class, SparcRunConfig.defaults(), List.of(), List.of())
                .get(0).config();
        return options.run(() -> SparcBenchmark.run(cfg, options.quick, options.python,
                Path.of("scripts", "baselines", "train_sparc_torch.py"), System.out));
    }
}
