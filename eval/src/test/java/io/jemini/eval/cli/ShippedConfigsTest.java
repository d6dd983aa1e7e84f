package io.jemini.eval.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.task.Task;
import io.jemini.engine.task.TaskConfig;
import io.jemini.engine.task.Tasks;
import io.jemini.engine.training.MemoryEstimate;
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
            List<MemoryEstimate> estimates = estimates(Tasks.of(c), c);
            assertFalse(estimates.isEmpty(), c.toString());
            estimates.forEach(e -> e.requireFits(c.toString(), 4L << 30));
        }
    }

    private static <C extends Record & TaskConfig<C>> List<MemoryEstimate> estimates(Task<C, ?> task, Path config) {
        return ConfigReader.load(config, task.configType(), task.defaults(), List.of(), List.of()).stream()
                .map(p -> task.memory(p.config())).toList();
    }
}
