package io.jemini.eval.runs;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.config.ConfigException;
import io.jemini.engine.config.ConfigReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The kinds of run a config can describe, told apart by its top-level {@code "task"} (default {@code lm}). */
public enum RunKind {
    LM, SPARC;

    /** The kind a config file (or a run's config.json) asks for. */
    public static RunKind of(Path config) {
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
        String task = tree.path("task").asText("lm");
        return switch (task) {
            case "sparc" -> SPARC;
            case "lm" -> LM;
            default -> throw new ConfigException(config.toString(), List.of("task = " + task + " is not allowed; allowed: lm, sparc"));
        };
    }
}
