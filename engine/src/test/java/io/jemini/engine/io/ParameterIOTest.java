package io.jemini.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.tensor.Tensor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model loads every tensor it has, and a file with tensors it has no place for is refused, naming them. */
class ParameterIOTest {
    @TempDir
    Path dir;

    @Test
    void aModelLoadsItsOwnTensorsAndRefusesOthers() {
        Map<String, Tensor> params = new LinkedHashMap<>();
        params.put("w", Tensor.of(new float[] {1, 2, 3, 4}, 2, 2));
        Map<String, float[]> buffers = Map.of("bias", new float[] {5, 6});
        Path saved = dir.resolve("m.safetensors");
        ParameterIO.putAll(new SafetensorsWriter(), params, buffers).write(saved);

        Map<String, Tensor> fresh = new LinkedHashMap<>();
        fresh.put("w", Tensor.of(new float[4], 2, 2));
        float[] bias = new float[2];
        ParameterIO.loadModel(fresh, Map.of("bias", bias), Safetensors.read(saved));
        assertArrayEquals(new float[] {1, 2, 3, 4}, fresh.get("w").data());
        assertArrayEquals(new float[] {5, 6}, bias);

        Path bigger = dir.resolve("bigger.safetensors");
        ParameterIO.putAll(new SafetensorsWriter(), params, buffers).putF32("extra.weight", new float[] {0}, 1).write(bigger);
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> ParameterIO.loadModel(fresh,
                Map.of("bias", bias), Safetensors.read(bigger)));
        assertTrue(e.getMessage().contains("holds tensors this model has no place for: extra.weight"), e.getMessage());
    }
}
