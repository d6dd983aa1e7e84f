package io.jemini.eval.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.training.LmRunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every config shipped in configs/ resolves and validates, sweep points included. */
class ShippedConfigsTest {
    @Test
    void everyShippedConfigIsValid() throws IOException {
        List<Path> configs;
        try (Stream<Path> s = Files.list(Path.of("..", "configs"))) {
            configs = s.filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertFalse(configs.isEmpty());
        for (Path c : configs) {
            assertFalse(ConfigReader.load(c, LmRunConfig.class, LmRunConfig.defaults(), List.of(), List.of()).isEmpty(), c.toString());
        }
    }
}
