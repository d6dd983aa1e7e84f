package io.jemini.eval.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.contrastive.training.SparcRunConfig;
import io.jemini.engine.config.ConfigReader;
import io.jemini.lm.training.LmRunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/configs.md documents every key of every config class with the default the code uses, so
 * neither can drift: the section for language-model runs against {@link LmRunConfig#defaults()},
 * the one for image–text runs against {@link SparcRunConfig#defaults()}.
 */
class ConfigDocsTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_.0-9]+)` \\| [^|]* \\| ([^|]*) \\|", Pattern.MULTILINE);

    private static String docs() throws IOException {
        return Files.readString(Path.of("..", "docs", "configs.md"));
    }

    @Test
    void everyKeyIsDocumentedInItsTasksSection() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String section : docs().split("(?m)^## ")) {
            Class<?> type = section.startsWith("`run`: language-model runs") ? LmRunConfig.class
                    : section.startsWith("`run`: image–text alignment runs") ? SparcRunConfig.class : null;
            if (type != null) {
                ConfigReader.leafPaths(type).stream().filter(key -> !section.contains("| `" + key + "` |"))
                        .forEach(key -> missing.add(type.getSimpleName() + " " + key));
            }
        }
        assertTrue(missing.isEmpty(), "docs/configs.md lacks rows for " + missing);
    }

    @Test
    void everyDocumentedDefaultIsTheCodes() throws IOException {
        String[] sections = docs().split("(?m)^## ");
        List<String> wrong = new ArrayList<>();
        for (String section : sections) {
            if (section.startsWith("`run`: language-model runs")) {
                compare(section, ConfigReader.toTree(LmRunConfig.defaults()), wrong);
            } else if (section.startsWith("`run`: image–text alignment runs")) {
                compare(section, ConfigReader.toTree(SparcRunConfig.defaults()), wrong);
            }
        }
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

    /** A documented default: a number, true/false, null, or a string in backticks. */
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
