package io.jemini.eval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.task.Task;
import io.jemini.engine.task.Tasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/configs.md documents every key of every task's config with the default the code uses, so
 * neither can drift: each registered task's section (headed with its {@code "task"} name) against
 * the task's defaults.
 */
class ConfigDocsTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_.0-9]+)` \\| [^|]* \\| ([^|]*) \\|", Pattern.MULTILINE);

    private static String docs() throws IOException {
        return Files.readString(Path.of("..", "docs", "configs.md"));
    }

    /** The tasks the application registers (not the test sources' throwaway one), each with its docs section. */
    private static Map<Task<?, ?>, String> sections() throws IOException {
        List<String> production = Files.readAllLines(Path.of("src", "main", "resources", "META-INF", "services",
                Task.class.getName())).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        Map<Task<?, ?>, String> out = new LinkedHashMap<>();
        for (Task<?, ?> task : Tasks.all()) {
            if (production.contains(task.getClass().getName())) {
                String marker = "(`\"task\": \"" + task.name() + "\"";
                String section = Arrays.stream(docs().split("(?m)^## ")).filter(sec -> sec.lines().findFirst().orElse("")
                        .contains(marker)).findFirst().orElse(null);
                assertTrue(section != null, "docs/configs.md has no section headed with " + marker + ")");
                out.put(task, section);
            }
        }
        assertEquals(production.size(), out.size(), "every production task is registered");
        return out;
    }

    @Test
    void everyKeyIsDocumentedInItsTasksSection() throws IOException {
        List<String> missing = new ArrayList<>();
        sections().forEach((task, section) -> ConfigReader.leafPaths(task.configType()).stream()
                .filter(key -> !section.contains("| `" + key + "` |")).forEach(key -> missing.add(task.name() + " " + key)));
        assertTrue(missing.isEmpty(), "docs/configs.md lacks rows for " + missing);
    }

    @Test
    void everyDocumentedDefaultIsTheCodes() throws IOException {
        List<String> wrong = new ArrayList<>();
        sections().forEach((task, section) -> compare(section, ConfigReader.toTree(task.defaults()), wrong));
        assertTrue(wrong.isEmpty(), "docs/configs.md defaults differ from the code:\n" + String.join("\n", wrong));
    }

    private static void compare(String section, JsonNode defaults, List<String> wrong) {
        Matcher m = ROW.matcher(section);
        while (m.find()) {
            String key = m.group(1);
            String documented = m.group(2).strip();
            if (key.startsWith("environment.") || key.equals("task")) {
                continue;
            }
            JsonNode actual = defaults.at("/" + key.replace('.', '/'));
            if (!matches(documented, actual)) {
                wrong.add(key + ": documented " + documented + ", the code's default is " + actual);
            }
        }
    }

    /** A documented default: a number, true/false, null, a string in backticks, or a list of them separated by commas (strings in backticks). */
    private static boolean matches(String documented, JsonNode actual) {
        if (actual.isMissingNode()) {
            return false;
        }
        if (actual.isNull()) {
            return documented.equals("null");
        }
        if (actual.isTextual()) {
            return documented.equals("`" + actual.asText() + "`") || (actual.asText().isEmpty() && documented.equals("`\"\"`"));
        }
        if (actual.isBoolean()) {
            return documented.equals(actual.asText());
        }
        if (actual.isArray()) {
            List<String> items = new java.util.ArrayList<>();
            actual.forEach(item -> items.add(item.isTextual() ? "`" + item.asText() + "`" : item.asText()));
            return documented.equals(String.join(", ", items));
        }
        if (actual.isNumber()) {
            try {
                return Double.parseDouble(documented) == actual.asDouble();
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }
}
