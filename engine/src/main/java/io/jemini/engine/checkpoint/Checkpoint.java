package io.jemini.engine.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.io.Safetensors;
import java.nio.file.Path;

/** A verified checkpoint: its step, the training state JSON and the two tensor files. */
public record Checkpoint(Path dir, long step, JsonNode state, Safetensors model, Safetensors optimizer) {
}
