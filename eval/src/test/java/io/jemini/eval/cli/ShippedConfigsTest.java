package io.jemini.eval.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jemini.engine.config.ConfigReader;
import io.jemini.contrastive.training.SparcRunConfig;
import io.jemini.engine.training.LmRunConfig;
import io.jemini.engine.training.MemoryEstimate;
import io.jemini.eval.runs.RunKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every config shipped in configs/ resolves and validates, sweep points included, and fits the default 4 GiB heap. */
class ShippedConfigsTest {
    @Test
    void everyShippedConfigIsValid() throws IOException {
        List<Path> configs;
        try (Stream<Path> s = Files.list(Path.of("..", "configs"))) {
            configs = s.filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertFalse(configs.isEmpty());
        for (Path c : configs) {
            boolean sparc = RunKind.of(c) == RunKind.SPARC;
            List<MemoryEstimate> estimates = sparc
                    ? ConfigReader.load(c, SparcRunConfig.class, SparcRunConfig.defaults(), List.of(), List.of()).stream()
                            .map(p -> p.config().memory()).toList()
                    : ConfigReader.load(c, LmRunConfig.class, LmRunConfig.defaults(), List.of(), List.of()).stream()
                            .map(p -> MemoryEstimate.of(p.config())).toList();
            assertFalse(estimates.isEmpty(), c.toString());
            estimates.forEach(e -> e.requireFits(c.toString(), 4L << 30));
        }
    }
}
