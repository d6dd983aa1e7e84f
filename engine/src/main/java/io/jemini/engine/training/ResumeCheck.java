package io.jemini.engine.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.engine.checkpoint.CheckpointStore;
import io.jemini.engine.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the config a run is resumed with (its {@code config.json} now) against the config its
 * checkpoint was trained under (stored in the checkpoint's state): a change is refused unless the
 * user accepts it, and an accepted change is recorded in {@code resumes.jsonl}.
 */
public final class ResumeCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResumeCheck() {
    }

    /**
     * @param store   the run's checkpoints; the newest complete one's config is the reference (one
     *                written before configs were stored in checkpoints is not compared)
     * @param current  the config the run would continue with
     * @param defaults the defaults of its kind of run: a key the checkpoint's config lacks (one added
     *                 since) is a change only when the run would now use another value than its default
     * @param accept   whether the user accepted a change ({@code resume --accept-config-change})
     */
    public static void check(RunDirectory run, CheckpointStore store, JsonNode current, JsonNode defaults,
                             boolean accept) {
        Optional<JsonNode> state = store.latestState();
        if (state.isEmpty() || !state.get().path("config").isObject()) {
            return;
        }
        long step = state.get().path("step").asLong();
        JsonNode stored = state.get().get("config");
        Map<String, String[]> changes = changes(stored, current, defaults);
        if (changes.isEmpty()) {
            return;
        }
        StringBuilder list = new StringBuilder();
        changes.forEach((key, v) -> list.append(list.isEmpty() ? "" : ", ").append(key).append(": ").append(v[0])
                .append(" -> ").append(v[1]));
        if (!accept) {
            throw new ConfigException(run.config().toString(), List.of("differs from the config checkpoint step " + step
                    + " was trained with (" + list + "); restore it, or pass --accept-config-change to continue under the "
                    + "new values"));
        }
        ObjectNode record = JSON.createObjectNode();
        record.put("time", ZonedDateTime.now(ZoneOffset.UTC).toString());
        record.put("from_step", step);
        ObjectNode changed = record.putObject("changes");
        changes.forEach((key, v) -> changed.putArray(key).add(v[0]).add(v[1]));
        try {
            Files.writeString(run.dir().resolve("resumes.jsonl"), JSON.writeValueAsString(record) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the config change in " + run.dir().resolve("resumes.jsonl"), e);
        }
    }

    /**
     * Leaf values that differ, by dotted key. Neither the run environment nor {@code runtime} (where
     * the run computes) is compared: a run may continue on another backend or device, its losses
     * then continuing within float tolerance rather than bit for bit. Nor is {@code train.workers}:
     * any number of workers computes the same steps, bit for bit.
     */
    static Map<String, String[]> changes(JsonNode before, JsonNode after, JsonNode defaults) {
        Map<String, String> a = new TreeMap<>();
        Map<String, String> b = new TreeMap<>();
        Map<String, String> d = new TreeMap<>();
        flatten("", before, a);
        flatten("", after, b);
        flatten("", defaults, d);
        Map<String, String[]> out = new TreeMap<>();
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String key : keys) {
            if (key.startsWith("environment.") || key.equals("environment") || key.startsWith("runtime.")
                    || key.equals("train.workers")) {
                continue;
            }
            String x = a.getOrDefault(key, d.getOrDefault(key, "(absent)"));
            String y = b.getOrDefault(key, "(absent)");
            if (!x.equals(y)) {
                out.put(key, new String[] {x, y});
            }
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out);
            }
        } else {
            out.put(prefix, node.toString());
        }
    }
}
