package io.jemini.engine.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads JSON configs strictly into records with snake_case keys. The JSON tree is checked against
 * the record structure first, and every unknown key, missing key and wrong type is reported
 * together, each with its JSON path, the value found and what is allowed.
 */
public final class ConfigReader {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ConfigReader() {
    }

    public static <T extends Record> T read(Path file, Class<T> type) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), List.of("file not found"));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of("cannot read: " + e.getMessage()));
        }
        return parse(file.toString(), text, type);
    }

    public static <T extends Record> T parse(String source, String json, Class<T> type) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, List.of("not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage()));
        }
        List<String> problems = new ArrayList<>();
        check(root, type, "", problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        try {
            return MAPPER.treeToValue(root, type);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, List.of(e.getOriginalMessage()));
        }
    }

    /** The JSON key of a record component: {@code seqLen} is {@code seq_len}. */
    public static String key(String component) {
        return component.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    private static void check(JsonNode node, Class<?> type, String path, List<String> problems) {
        String where = path.isEmpty() ? "the config" : path;
        if (node == null || node.isMissingNode()) {
            problems.add("the config is empty; expected a JSON object");
            return;
        }
        if (!node.isObject()) {
            problems.add(where + " is " + node + "; expected an object with keys " + keys(type));
            return;
        }
        RecordComponent[] components = type.getRecordComponents();
        Set<String> allowed = Arrays.stream(components).map(c -> key(c.getName())).collect(Collectors.toSet());
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.add("unknown key '" + join(path, name) + "'; allowed here: " + keys(type));
            }
        }
        for (RecordComponent c : components) {
            String name = key(c.getName());
            String p = join(path, name);
            JsonNode value = node.get(name);
            if (value == null) {
                problems.add(p + " is missing; expected " + describe(c.getType()));
            } else {
                checkValue(value, c.getType(), p, problems);
            }
        }
    }

    private static void checkValue(JsonNode value, Class<?> type, String path, List<String> problems) {
        boolean ok;
        if (type == int.class || type == long.class) {
            ok = value.isIntegralNumber() && (type == long.class ? value.canConvertToLong() : value.canConvertToInt());
        } else if (type == double.class || type == float.class) {
            ok = value.isNumber();
        } else if (type == boolean.class) {
            ok = value.isBoolean();
        } else if (type == String.class) {
            ok = value.isTextual();
        } else if (type.isRecord()) {
            check(value, type, path, problems);
            return;
        } else {
            ok = true;
        }
        if (!ok) {
            problems.add(path + " = " + value + " is not allowed; expected " + describe(type));
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String keys(Class<?> type) {
        return Arrays.stream(type.getRecordComponents()).map(c -> key(c.getName())).sorted()
                .collect(Collectors.joining(", "));
    }

    private static String describe(Class<?> type) {
        if (type == int.class || type == long.class) {
            return "a whole number";
        }
        if (type == double.class || type == float.class) {
            return "a number";
        }
        if (type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        return type.isRecord() ? "an object with keys " + keys(type) : "a " + type.getSimpleName();
    }
}
