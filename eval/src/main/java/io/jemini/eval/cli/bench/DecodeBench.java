package io.jemini.eval.cli.bench;

import io.jemini.eval.bench.DecodeBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jemini bench decode}. */
@Command(name = "decode", mixinStandardHelpOptions = true, description = "KV-cached generation: tokens/s by context length.")
final class DecodeBench implements Callable<Integer> {
    @Mixin
    BenchOptions options;

    @Option(names = "--config", paramLabel = "CONFIG",
            description = "the config whose model is measured (default: configs/lm-brown-small.json)")
    Path config;

    @Override
    public Integer call() {
        return options.run(() -> DecodeBenchmark.run(BenchConfigs.lm(config, "lm-brown-small"), options.quick, System.out));
    }
}
