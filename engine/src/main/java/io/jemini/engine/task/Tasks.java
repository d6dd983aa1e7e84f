package io.jemini.engine.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.config.ConfigException;
import io.jemini.engine.config.ConfigReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The tasks on the class path ({@link ServiceLoader} providers of {@link Task}), looked up by a
 * config's {@code "task"}. A config without one is a language-model run, the first task Jemini had.
 */
public final class Tasks {
    public static final String DEFAULT = "lm";

    private Tasks() {
    }

    /** Every registered task, by name. */
    public static List<Task<?, ?>> all() {
        return ServiceLoader.load(Task.class).stream().<Task<?, ?>>map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(Task::name)).toList();
    }

    /** The task named {@code name}; {@code source} names where the name came from in the error. */
    public static Task<?, ?> named(String name, String source) {
        List<Task<?, ?>> all = all();
        return all.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() -> new ConfigException(source,
                List.of("task = " + name + " is not allowed; allowed: "
                        + String.join(", ", all.stream().map(Task::name).toList()))));
    }

    /** The task a config file (or a run's config.json) asks for. */
    public static Task<?, ?> of(Path config) {
        if (Files.isDirectory(config)) {
            throw new ConfigException(config.toString(), List.of("is a directory; give the path of a JSON config file"));
        }
        if (!Files.isRegularFile(config)) {
            throw new ConfigException(config.toString(), List.of("file not found"));
        }
        JsonNode tree = ConfigReader.readTree(config);
        if (tree == null || !tree.isObject()) {
            throw new ConfigException(config.toString(), List.of("is not a JSON object; a config is {\"task\": ..., ...}"));
        }
        JsonNode task = tree.path("task");
        if (!task.isMissingNode() && !task.isTextual()) {
            throw new ConfigException(config.toString(), List.of("task = " + task + " is not allowed; it is a task's name"));
        }
        return named(task.asText(DEFAULT), config.toString());
    }
}
