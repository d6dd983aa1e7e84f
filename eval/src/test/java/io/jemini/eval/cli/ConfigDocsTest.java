package io.jemini.eval.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.config.ConfigReader;
import io.jemini.contrastive.training.SparcRunConfig;
import io.jemini.engine.training.LmRunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/configs.md documents every key of every config class, so it cannot drift. */
class ConfigDocsTest {
    @Test
    void everyKeyIsDocumented() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "configs.md"));
        List<String> missing = java.util.stream.Stream.concat(ConfigReader.leafPaths(LmRunConfig.class).stream(),
                ConfigReader.leafPaths(SparcRunConfig.class).stream()).filter(key -> !docs.contains("| `" + key + "` |")).toList();
        assertTrue(missing.isEmpty(), "docs/configs.md lacks rows for " + missing);
    }
}
