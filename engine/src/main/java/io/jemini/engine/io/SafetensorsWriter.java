package io.jemini.engine.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects tensors and writes them as one safetensors file, atomically: the bytes go to a
 * temporary file beside the target, are forced to disk, and the file is renamed over the target,
 * so a reader sees the old file or the new one, never a partial one.
 */
public final class SafetensorsWriter {
    private record Pending(DType dtype, int[] shape, byte[] bytes) {
    }

    private final Map<String, Pending> tensors = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    public SafetensorsWriter putF32(String name, float[] values, int... shape) {
        ByteBuffer b = buffer(values.length * 4L);
        b.asFloatBuffer().put(values);
        return put(name, DType.F32, shape, values.length, b);
    }

    public SafetensorsWriter putF64(String name, double[] values, int... shape) {
        ByteBuffer b = buffer(values.length * 8L);
        b.asDoubleBuffer().put(values);
        return put(name, DType.F64, shape, values.length, b);
    }

    public SafetensorsWriter putI32(String name, int[] values, int... shape) {
        ByteBuffer b = buffer(values.length * 4L);
        b.asIntBuffer().put(values);
        return put(name, DType.I32, shape, values.length, b);
    }

    public SafetensorsWriter putI64(String name, long[] values, int... shape) {
        ByteBuffer b = buffer(values.length * 8L);
        b.asLongBuffer().put(values);
        return put(name, DType.I64, shape, values.length, b);
    }

    public SafetensorsWriter putBool(String name, boolean[] values, int... shape) {
        ByteBuffer b = buffer(values.length);
        for (boolean v : values) {
            b.put((byte) (v ? 1 : 0));
        }
        return put(name, DType.BOOL, shape, values.length, b);
    }

    public SafetensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    private static ByteBuffer buffer(long bytes) {
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor of " + bytes + " bytes is too large for one buffer");
        }
        return ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private SafetensorsWriter put(String name, DType dtype, int[] shape, int count, ByteBuffer bytes) {
        long numel = 1;
        for (int d : shape) {
            numel *= d;
        }
        if (numel != count) {
            throw new IllegalArgumentException("tensor '" + name + "': " + count + " values do not fill shape "
                    + java.util.Arrays.toString(shape));
        }
        if (name.equals("__metadata__") || tensors.containsKey(name)) {
            throw new IllegalArgumentException("tensor name '" + name + "' is reserved or already used");
        }
        tensors.put(name, new Pending(dtype, shape.clone(), bytes.array()));
        return this;
    }

    /** The complete file contents. */
    public byte[] toBytes() {
        ObjectNode header = Safetensors.JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Pending> e : tensors.entrySet()) {
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", e.getValue().dtype().name());
            ArrayNode shape = t.putArray("shape");
            for (int d : e.getValue().shape()) {
                shape.add(d);
            }
            ArrayNode off = t.putArray("data_offsets");
            off.add(offset);
            offset += e.getValue().bytes().length;
            off.add(offset);
        }
        byte[] json;
        try {
            json = Safetensors.JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate((int) (8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded);
        out.put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (Pending p : tensors.values()) {
            out.put(p.bytes());
        }
        return out.array();
    }

    /** Writes the file atomically (temporary file, fsync, rename). */
    public void write(Path target) {
        AtomicFiles.write(target, toBytes());
    }
}
