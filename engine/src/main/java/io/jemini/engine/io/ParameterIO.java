package io.jemini.engine.io;

import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.launch.Host;
import io.jemini.engine.tensor.Tensor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Saves a named parameter map as safetensors and loads one back by name, checking shapes. */
public final class ParameterIO {
    private ParameterIO() {
    }

    /** Adds every parameter to {@code writer} under its name. */
    public static SafetensorsWriter putAll(SafetensorsWriter writer, Map<String, Tensor> params) {
        params.forEach((name, t) -> writer.putF32(name, t.read(), t.dims()));
        return writer;
    }

    /** Adds parameters and then buffers (non-trained state) under their names. */
    public static SafetensorsWriter putAll(SafetensorsWriter writer, Map<String, Tensor> params,
                                           Map<String, float[]> buffers) {
        putAll(writer, params);
        buffers.forEach((name, b) -> writer.putF32(name, Host.read(b), b.length));
        return writer;
    }

    /** Restores buffers saved with {@link #putAll(SafetensorsWriter, Map, Map)}; each must be present with its size. */
    public static void loadBuffers(Map<String, float[]> buffers, Safetensors file) {
        buffers.forEach((name, b) -> {
            if (!file.contains(name)) {
                throw new SafetensorsException(file.file(), "missing buffer '" + name + "' of " + b.length + " values");
            }
            float[] v = file.floats(name);
            if (v.length != b.length) {
                throw new SafetensorsException(file.file(),
                        "buffer '" + name + "' has " + v.length + " values, expected " + b.length);
            }
            System.arraycopy(v, 0, Host.write(b), 0, b.length);
        });
    }

    public static void save(Map<String, Tensor> params, Path file, Map<String, String> metadata) {
        SafetensorsWriter writer = putAll(new SafetensorsWriter(), params);
        metadata.forEach(writer::metadata);
        writer.write(file);
    }

    /**
     * Restores a model saved with {@link #putAll(SafetensorsWriter, Map, Map)}: every parameter and
     * buffer must be present with its shape, and a tensor the model has no place for is an error
     * (the file belongs to another model), never silently skipped.
     */
    public static void loadModel(Map<String, Tensor> params, Map<String, float[]> buffers, Safetensors file) {
        List<String> unused = file.entries().keySet().stream()
                .filter(name -> !params.containsKey(name) && !buffers.containsKey(name)).toList();
        if (!unused.isEmpty()) {
            throw new SafetensorsException(file.file(), "holds tensors this model has no place for: "
                    + String.join(", ", unused) + " (a checkpoint of another architecture or config?)");
        }
        load(params, file);
        loadBuffers(buffers, file);
    }

    /**
     * Copies each parameter's values from the file; every parameter must be present with the same
     * shape. Other tensors in the file are not read: {@link #loadModel} is the check that there are none.
     */
    public static void load(Map<String, Tensor> params, Safetensors file) {
        params.forEach((name, t) -> {
            if (!file.contains(name)) {
                throw new SafetensorsException(file.file(), "missing parameter '" + name + "' of shape " + t.shape());
            }
            int[] shape = file.shape(name);
            if (!Arrays.equals(shape, t.dims())) {
                throw new SafetensorsException(file.file(), "parameter '" + name + "' has shape "
                        + Arrays.toString(shape) + " but the model expects " + t.shape());
            }
        });
        try (var scope = GradMode.disabled()) {
            params.forEach((name, t) -> t.copy_(Tensor.of(file.floats(name), t.dims())));
        }
    }
}
