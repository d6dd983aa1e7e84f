package io.jemini.engine.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.engine.checkpoint.Checkpoint;
import io.jemini.engine.checkpoint.CheckpointStore;
import io.jemini.engine.io.ParameterIO;
import io.jemini.engine.io.Safetensors;
import io.jemini.engine.io.SafetensorsWriter;
import io.jemini.engine.optim.AdamW;
import io.jemini.engine.tensor.Tensor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a checkpoint holds for any trainer: parameters and buffers, AdamW moments and step count,
 * the data position, elapsed time and skipped steps — saved together and restored together.
 */
public final class TrainingState {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The counters a resumed run continues from. */
    public record Restored(long step, long[] dataPosition, double elapsedSeconds, long skippedSteps) {
    }

    private TrainingState() {
    }

    /** Writes a checkpoint; {@code config} is the run's resolved config, kept so a resume can tell what changed. */
    public static Path save(CheckpointStore store, long step, Map<String, Tensor> params, Map<String, float[]> buffers,
                            AdamW opt, long[] dataPosition, double elapsedSeconds, long skipped, JsonNode config) {
        ObjectNode state = JSON.createObjectNode();
        state.put("format", 1);
        state.set("config", config);
        state.put("optimizer", "adamw");
        state.put("optimizer_steps", opt.steps());
        ArrayNode pos = state.putArray("data_position");
        for (long p : dataPosition) {
            pos.add(p);
        }
        state.put("elapsed_seconds", elapsedSeconds);
        state.put("skipped_steps", skipped);
        byte[] model = ParameterIO.putAll(new SafetensorsWriter(), params, buffers).metadata("format", "pt").toBytes();
        SafetensorsWriter moments = new SafetensorsWriter().metadata("optimizer", "adamw")
                .metadata("steps", Long.toString(opt.steps()));
        opt.state().forEach((key, buf) -> moments.putF32(key, buf, params.get(key.substring(0, key.lastIndexOf('.'))).dims()));
        return store.save(step, model, moments.toBytes(), state);
    }

    public static Restored restore(Checkpoint ckpt, Map<String, Tensor> params, Map<String, float[]> buffers, AdamW opt) {
        ParameterIO.loadModel(params, buffers, ckpt.model());
        Map<String, float[]> moments = new LinkedHashMap<>();
        Safetensors o = ckpt.optimizer();
        for (String name : o.entries().keySet()) {
            moments.put(name, o.floats(name));
        }
        opt.restore(moments, ckpt.state().path("optimizer_steps").asLong());
        JsonNode pos = ckpt.state().path("data_position");
        long[] p = new long[pos.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = pos.get(i).asLong();
        }
        return new Restored(ckpt.step(), p, ckpt.state().path("elapsed_seconds").asDouble(),
                ckpt.state().path("skipped_steps").asLong());
    }
}
