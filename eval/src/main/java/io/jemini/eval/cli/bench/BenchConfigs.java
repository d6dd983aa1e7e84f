package io.jemini.eval.cli.bench;

import io.jemini.engine.config.ConfigReader;
import io.jemini.lm.training.LmRunConfig;
import java.nio.file.Path;
import java.util.List;

/** The configs benchmarks measure: the first point of a file, with overrides. */
final class BenchConfigs {
    private BenchConfigs() {
    }

    /** The first point of {@code given}, else of {@code configs/<fallback>.json}, with {@code sets} applied. */
    static LmRunConfig lm(Path given, String fallback, String... sets) {
        Path file = given != null ? given : Path.of("configs", fallback + ".json");
        return ConfigReader.load(file, LmRunConfig.class, LmRunConfig.defaults(), List.of(sets), List.of()).get(0).config();
    }
}
