package io.jemini.engine.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads JSON configs strictly into immutable records with snake_case keys. Missing keys take the
 * defaults; {@code --set a.b=value} overrides reach any field; a top-level {@code sweep} object
 * (or {@code --sweep a.b=1,2,3}) expands into the cross product of runs ({@code --set} on a swept
 * key replaces that axis, so one point of a shipped sweep can be run alone, and {@code --set}
 * values win over a swept section's); an axis may also name a
 * whole section with a list of partial objects ({@code "loss": [{"lambda_f": 0}, {"weights": "dense"}]}),
 * each merged over that section, so one sweep can hold named variants. Every unknown key, wrong
 * type, bad override and out-of-range value is reported together, each with its JSON path, the
 * value found and what is allowed.
 */
public final class ConfigReader {
    /** The key of the sweep section: path to a list of values. */
    public static final String SWEEP = "sweep";

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** One fully resolved run of a config: its sweep assignments (empty without a sweep) and values. */
    public record Point<T>(Map<String, String> assignments, T config, ObjectNode tree) {
    }

    private ConfigReader() {
    }

    /**
     * Resolves a config file against {@code defaults}, then the {@code sets} ({@code a.b=value}),
     * and expands its sweep together with the {@code sweeps} ({@code a.b=v1,v2}).
     */
    public static <T extends Record & CheckedConfig> List<Point<T>> load(Path file, Class<T> type, T defaults,
                                                                       List<String> sets, List<String> sweeps) {
        String text;
        if (Files.isDirectory(file)) {
            throw new ConfigException(file.toString(), List.of("is a directory; give the path of a JSON config file"));
        }
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), List.of("file not found"));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of("cannot read: " + e.getMessage()));
        }
        return load(file.toString(), text, type, defaults, sets, sweeps);
    }

    public static <T extends Record & CheckedConfig> List<Point<T>> load(String source, String json, Class<T> type,
                                                                       T defaults, List<String> sets, List<String> sweeps) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, List.of("not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage()));
        }
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new ConfigException(source, List.of("expected a JSON object with keys " + keys(type)));
        }
        ObjectNode user = (ObjectNode) root.deepCopy();
        Map<String, List<JsonNode>> axes = new LinkedHashMap<>();
        JsonNode sweep = user.remove(SWEEP);
        if (sweep != null) {
            readSweepSection(sweep, type, axes, problems);
        }
        checkStructure(user, type, "", problems);
        ObjectNode merged = (ObjectNode) MAPPER.valueToTree(defaults);
        merge(merged, user);
        for (String set : sets) {
            applySet(merged, type, set, "--set", problems);
        }
        for (String s : sweeps) {
            readSweepFlag(s, type, axes, problems);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        for (String set : sets) {
            axes.remove(set.substring(0, set.indexOf('=')).trim());
        }
        List<Point<T>> points = new ArrayList<>();
        for (Map<String, JsonNode> assignment : crossProduct(axes)) {
            ObjectNode tree = merged.deepCopy();
            Map<String, String> labels = new LinkedHashMap<>();
            assignment.forEach((path, value) -> {
                if (value.isObject()) {
                    mergeAt(tree, path, value);
                } else {
                    put(tree, path, value);
                }
                labels.put(path, label(value));
            });
            for (String set : sets) {
                applySet(tree, type, set, "--set", problems);
            }
            T config = toRecord(source, tree, type);
            Checks checks = new Checks();
            config.check(checks);
            if (!labels.isEmpty() && !checks.problems().isEmpty()) {
                checks.problems().replaceAll(p -> p + " (sweep point " + labels + ")");
            }
            checks.throwIfAny(source);
            points.add(new Point<>(labels, config, tree));
        }
        return points;
    }

    /**
     * Parses an already-resolved config (e.g. a run's config.json) strictly; keys it lacks (added
     * to the config classes after the run was made) take their {@code defaults}, so older runs
     * stay readable.
     */
    public static <T extends Record & CheckedConfig> T parseResolved(String source, JsonNode tree, Class<T> type, T defaults) {
        List<String> problems = new ArrayList<>();
        checkStructure(tree, type, "", problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        ObjectNode merged = (ObjectNode) MAPPER.valueToTree(defaults);
        merge(merged, tree);
        T config = toRecord(source, merged, type);
        Checks checks = new Checks();
        config.check(checks);
        checks.throwIfAny(source);
        return config;
    }

    public static ObjectNode toTree(Object config) {
        return MAPPER.valueToTree(config);
    }

    public static String toJson(JsonNode tree) {
        try {
            return MAPPER.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A config type's defaults, written once by name in the JSON resource {@code resource} beside
     * the type. The file must give every key (the run environment excepted) and no other.
     */
    public static <T extends Record> T defaults(Class<T> type, String resource) {
        JsonNode tree;
        try (InputStream in = type.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing beside " + type.getName());
            }
            tree = MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        List<String> problems = new ArrayList<>();
        checkStructure(tree, type, "", problems);
        for (String key : leafPaths(type)) {
            if (!key.startsWith("environment.") && tree.at("/" + key.replace('.', '/')).isMissingNode()) {
                problems.add(key + " has no default");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(resource + ": " + String.join("; ", problems));
        }
        return toRecord(resource, tree, type);
    }

    public static JsonNode readTree(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ConfigException(file.toString(), List.of("not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of("cannot read JSON: " + e.getMessage()));
        }
    }

    /** The JSON key of a record component: {@code seqLen} is {@code seq_len}. */
    public static String key(String component) {
        return component.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    /** Every leaf key path of a config record type, e.g. {@code train.lr}. */
    public static List<String> leafPaths(Class<?> type) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            String k = key(c.getName());
            if (c.getType().isRecord()) {
                leafPaths(c.getType()).forEach(p -> out.add(k + "." + p));
            } else {
                out.add(k);
            }
        }
        return out;
    }

    private static <T> T toRecord(String source, JsonNode tree, Class<T> type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, List.of(e.getOriginalMessage().split("\n")[0]));
        }
    }

    private static void checkStructure(JsonNode node, Class<?> type, String path, List<String> problems) {
        if (!node.isObject()) {
            problems.add((path.isEmpty() ? "the config" : path) + " = " + node + " is not allowed; expected an object with keys "
                    + keys(type));
            return;
        }
        RecordComponent[] components = type.getRecordComponents();
        Set<String> allowed = Arrays.stream(components).map(c -> key(c.getName())).collect(Collectors.toSet());
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (!allowed.contains(f.getKey())) {
                problems.add("unknown key '" + join(path, f.getKey()) + "'; allowed here: " + keys(type));
            }
        }
        for (RecordComponent c : components) {
            JsonNode value = node.get(key(c.getName()));
            if (value != null) {
                checkValue(value, c.getType(), join(path, key(c.getName())), problems);
            }
        }
    }

    private static void checkValue(JsonNode value, Class<?> type, String path, List<String> problems) {
        if (type.isRecord() && value.isNull()) {
            return;
        }
        if (type.isRecord()) {
            checkStructure(value, type, path, problems);
            return;
        }
        if (!fits(value, type)) {
            problems.add(path + " = " + value + " is not allowed; expected " + describe(type));
        }
    }

    private static boolean fits(JsonNode value, Class<?> type) {
        if (type == int.class) {
            return value.isIntegralNumber() && value.canConvertToInt();
        }
        if (type == long.class) {
            return value.isIntegralNumber() && value.canConvertToLong();
        }
        if (type == double.class || type == float.class) {
            return value.isNumber();
        }
        if (type == boolean.class) {
            return value.isBoolean();
        }
        if (type == String.class) {
            return value.isTextual() || value.isNull();
        }
        if (ConfigChoice.class.isAssignableFrom(type)) {
            return value.isTextual() && ConfigChoice.keys(type).contains(value.asText());
        }
        return true;
    }

    /** The component type at a dotted path, or null when the path names no leaf. */
    private static Class<?> typeAt(Class<?> type, String path) {
        Class<?> at = componentAt(type, path);
        return at == null || at.isRecord() ? null : at;
    }

    /** The section (record) type at a dotted path, or null when the path names no section. */
    private static Class<?> sectionAt(Class<?> type, String path) {
        Class<?> at = componentAt(type, path);
        return at != null && at.isRecord() ? at : null;
    }

    private static Class<?> componentAt(Class<?> type, String path) {
        Class<?> current = type;
        for (String part : path.split("\\.")) {
            if (!current.isRecord()) {
                return null;
            }
            Class<?> next = null;
            for (RecordComponent c : current.getRecordComponents()) {
                if (key(c.getName()).equals(part)) {
                    next = c.getType();
                }
            }
            if (next == null) {
                return null;
            }
            current = next;
        }
        return current;
    }

    /** Parses an override's text as the value of the leaf at {@code path}, or returns null on error. */
    private static JsonNode parseValue(Class<?> leaf, String text) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        String t = text.trim();
        try {
            if (leaf == int.class) {
                return f.numberNode(Integer.parseInt(t));
            }
            if (leaf == long.class) {
                return f.numberNode(Long.parseLong(t));
            }
            if (leaf == double.class || leaf == float.class) {
                double d = Double.parseDouble(t);
                return Double.isFinite(d) ? f.numberNode(d) : null;
            }
        } catch (NumberFormatException e) {
            return null;
        }
        if (leaf == boolean.class) {
            return t.equals("true") || t.equals("false") ? f.booleanNode(Boolean.parseBoolean(t)) : null;
        }
        if (ConfigChoice.class.isAssignableFrom(leaf)) {
            return ConfigChoice.keys(leaf).contains(t) ? f.textNode(t) : null;
        }
        return t.equals("null") ? f.nullNode() : f.textNode(text);
    }

    private static void applySet(ObjectNode tree, Class<?> type, String set, String flag, List<String> problems) {
        int eq = set.indexOf('=');
        if (eq <= 0) {
            problems.add(flag + " " + set + " is not allowed; expected KEY=VALUE, e.g. train.lr=0.001");
            return;
        }
        String path = set.substring(0, eq).trim();
        Class<?> leaf = typeAt(type, path);
        if (leaf == null) {
            problems.add(flag + " " + path + ": no such key; allowed: " + String.join(", ", leafPaths(type)));
            return;
        }
        JsonNode value = parseValue(leaf, set.substring(eq + 1));
        if (value == null) {
            problems.add(flag + " " + set + " is not allowed; " + path + " expects " + describe(leaf));
            return;
        }
        put(tree, path, value);
    }

    private static void readSweepFlag(String flag, Class<?> type, Map<String, List<JsonNode>> axes, List<String> problems) {
        int eq = flag.indexOf('=');
        if (eq <= 0) {
            problems.add("--sweep " + flag + " is not allowed; expected KEY=V1,V2,..., e.g. train.lr=0.001,0.003");
            return;
        }
        String path = flag.substring(0, eq).trim();
        Class<?> leaf = typeAt(type, path);
        if (leaf == null) {
            problems.add("--sweep " + path + ": no such key; allowed: " + String.join(", ", leafPaths(type)));
            return;
        }
        List<JsonNode> values = new ArrayList<>();
        String given = flag.substring(eq + 1);
        if (given.replace(",", "").isBlank()) {
            problems.add("--sweep " + flag + " has no values; expected KEY=V1,V2,..., e.g. " + path + "=...");
            return;
        }
        for (String v : given.split(",", -1)) {
            JsonNode node = parseValue(leaf, v);
            if (node == null) {
                problems.add("--sweep " + path + " value '" + v + "' is not allowed; expected " + describe(leaf));
            } else {
                values.add(node);
            }
        }
        axes.put(path, values);
    }

    private static void readSweepSection(JsonNode sweep, Class<?> type, Map<String, List<JsonNode>> axes,
                                         List<String> problems) {
        if (!sweep.isObject()) {
            problems.add("sweep = " + sweep + " is not allowed; expected an object of key path -> list of values");
            return;
        }
        sweep.fields().forEachRemaining(e -> {
            Class<?> leaf = typeAt(type, e.getKey());
            Class<?> section = sectionAt(type, e.getKey());
            if (section != null && e.getValue().isArray() && !e.getValue().isEmpty()) {
                List<JsonNode> values = new ArrayList<>();
                for (int i = 0; i < e.getValue().size(); i++) {
                    JsonNode v = e.getValue().get(i);
                    checkStructure(v, section, "sweep." + e.getKey() + "[" + i + "]", problems);
                    values.add(v);
                }
                axes.put(e.getKey(), values);
            } else if (leaf == null && section == null) {
                problems.add("sweep." + e.getKey() + ": no such key; allowed: " + String.join(", ", leafPaths(type)));
            } else if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                problems.add("sweep." + e.getKey() + " = " + e.getValue() + " is not allowed; expected a non-empty list");
            } else {
                List<JsonNode> values = new ArrayList<>();
                for (JsonNode v : e.getValue()) {
                    if (!fits(v, leaf)) {
                        problems.add("sweep." + e.getKey() + " value " + v + " is not allowed; expected " + describe(leaf));
                    }
                    values.add(v);
                }
                axes.put(e.getKey(), values);
            }
        });
    }

    private static List<Map<String, JsonNode>> crossProduct(Map<String, List<JsonNode>> axes) {
        List<Map<String, JsonNode>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<JsonNode>> axis : axes.entrySet()) {
            List<Map<String, JsonNode>> next = new ArrayList<>();
            for (Map<String, JsonNode> partial : out) {
                for (JsonNode v : axis.getValue()) {
                    Map<String, JsonNode> m = new LinkedHashMap<>(partial);
                    m.put(axis.getKey(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    private static void put(ObjectNode tree, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                child = node.putObject(parts[i]);
            }
            node = (ObjectNode) child;
        }
        node.set(parts[parts.length - 1], value);
    }

    private static void mergeAt(ObjectNode tree, String path, JsonNode overlay) {
        ObjectNode node = tree;
        for (String part : path.split("\\.")) {
            JsonNode child = node.get(part);
            node = child instanceof ObjectNode obj ? obj : node.putObject(part);
        }
        merge(node, overlay);
    }

    /** A sweep value as a table label: text as is, a section override as {@code k=v, k=v}. */
    private static String label(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (!value.isObject()) {
            return value.toString();
        }
        List<String> parts = new ArrayList<>();
        value.fields().forEachRemaining(f -> parts.add(f.getKey() + "=" + label(f.getValue())));
        return String.join(", ", parts);
    }

    private static void merge(ObjectNode base, JsonNode overlay) {
        overlay.fields().forEachRemaining(e -> {
            JsonNode existing = base.get(e.getKey());
            if (existing instanceof ObjectNode obj && e.getValue().isObject()) {
                merge(obj, e.getValue());
            } else {
                base.set(e.getKey(), e.getValue().deepCopy());
            }
        });
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
        if (ConfigChoice.class.isAssignableFrom(type)) {
            return "one of " + String.join(", ", ConfigChoice.keys(type));
        }
        return type.isRecord() ? "an object with keys " + keys(type) : "a " + type.getSimpleName();
    }
}
