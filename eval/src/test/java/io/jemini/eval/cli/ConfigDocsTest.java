package io.jemini.eval.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.training.QuickstartConfig;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/configs.md documents every key of every config class, so it cannot drift. */
class ConfigDocsTest {
    @Test
    void everyKeyIsDocumented() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "configs.md"));
        List<String> missing = new ArrayList<>();
        for (String key : keys(QuickstartConfig.class, "")) {
            if (!docs.contains("| `" + key + "` |")) {
                missing.add(key);
            }
        }
        assertTrue(missing.isEmpty(), "docs/configs.md lacks rows for " + missing);
    }

    private static List<String> keys(Class<?> type, String prefix) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            String key = prefix + ConfigReader.key(c.getName());
            if (c.getType().isRecord()) {
                out.addAll(keys(c.getType(), key + "."));
            } else {
                out.add(key);
            }
        }
        return out;
    }
}
