package io.jemini.engine.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A safetensors file read into memory and validated: an 8-byte little-endian header length, a
 * JSON header of {@code name -> {dtype, shape, data_offsets}} plus optional {@code __metadata__},
 * then the packed little-endian data. Every structural problem is reported as a one-line
 * {@link SafetensorsException} naming the file.
 */
public final class Safetensors {
    /** The reference implementation's header cap. */
    static final long MAX_HEADER = 100L * 1024 * 1024;
    static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** One tensor's header entry and its bytes. */
    public record Entry(String name, DType dtype, int[] shape, ByteBuffer bytes) {
        public int numel() {
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private final Path file;
    private final Map<String, Entry> entries;
    private final Map<String, String> metadata;

    private Safetensors(Path file, Map<String, Entry> entries, Map<String, String> metadata) {
        this.file = file;
        this.entries = entries;
        this.metadata = metadata;
    }

    public static Safetensors read(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SafetensorsException(file, "cannot read: " + e.getMessage(), e);
        }
        if (all.length < 8) {
            throw new SafetensorsException(file, "truncated: " + all.length + " bytes, fewer than the 8-byte header length");
        }
        ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        long headerLen = buf.getLong(0);
        if (headerLen < 2 || headerLen > MAX_HEADER) {
            throw new SafetensorsException(file, "header length " + Long.toUnsignedString(headerLen)
                    + " is not allowed (2 to " + MAX_HEADER + " bytes)");
        }
        if (headerLen > all.length - 8L) {
            throw new SafetensorsException(file, "truncated: header length " + headerLen + " exceeds the "
                    + (all.length - 8) + " bytes after it");
        }
        String header = new String(all, 8, (int) headerLen, StandardCharsets.UTF_8);
        JsonNode root;
        try {
            root = JSON.readTree(header);
        } catch (JsonProcessingException e) {
            throw new SafetensorsException(file, "header is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new SafetensorsException(file, "header is not a JSON object");
        }
        int dataStart = 8 + (int) headerLen;
        long dataLen = all.length - (long) dataStart;
        Map<String, Entry> entries = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        List<long[]> ranges = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getKey().equals("__metadata__")) {
                readMetadata(file, f.getValue(), metadata);
                continue;
            }
            Entry e = readEntry(file, f.getKey(), f.getValue(), buf, dataStart, dataLen);
            ranges.add(new long[] {e.bytes().position() - dataStart, e.bytes().limit() - dataStart});
            entries.put(f.getKey(), new Entry(e.name(), e.dtype(), e.shape(), e.bytes().slice().order(ByteOrder.LITTLE_ENDIAN)));
        }
        ranges.sort(Comparator.comparingLong(r -> r[0]));
        for (int i = 1; i < ranges.size(); i++) {
            if (ranges.get(i)[0] < ranges.get(i - 1)[1]) {
                throw new SafetensorsException(file, "tensor data ranges overlap at byte " + ranges.get(i)[0]);
            }
        }
        return new Safetensors(file, Collections.unmodifiableMap(entries), Collections.unmodifiableMap(metadata));
    }

    private static void readMetadata(Path file, JsonNode node, Map<String, String> out) {
        if (!node.isObject()) {
            throw new SafetensorsException(file, "__metadata__ must be an object of strings");
        }
        node.fields().forEachRemaining(m -> {
            if (!m.getValue().isTextual()) {
                throw new SafetensorsException(file, "__metadata__ value for '" + m.getKey() + "' is not a string");
            }
            out.put(m.getKey(), m.getValue().asText());
        });
    }

    private static Entry readEntry(Path file, String name, JsonNode node, ByteBuffer buf, int dataStart, long dataLen) {
        String where = "tensor '" + name + "'";
        if (!node.isObject()) {
            throw new SafetensorsException(file, where + ": header entry is not an object");
        }
        JsonNode dt = node.get("dtype");
        DType dtype = dt == null || !dt.isTextual() ? null : DType.parse(dt.asText());
        if (dtype == null) {
            throw new SafetensorsException(file, where + ": dtype " + (dt == null ? "missing" : dt.toString())
                    + " is not one of " + DType.allowed());
        }
        JsonNode sh = node.get("shape");
        if (sh == null || !sh.isArray()) {
            throw new SafetensorsException(file, where + ": shape missing or not an array");
        }
        int[] shape = new int[sh.size()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = sh.get(i);
            if (!d.canConvertToInt() || !d.isIntegralNumber() || d.asInt() < 0) {
                throw new SafetensorsException(file, where + ": shape " + sh + " must hold non-negative integers");
            }
            shape[i] = d.asInt();
            numel *= shape[i];
            if (numel > Integer.MAX_VALUE) {
                throw new SafetensorsException(file, where + ": shape " + sh + " has more than 2^31-1 elements");
            }
        }
        JsonNode off = node.get("data_offsets");
        if (off == null || !off.isArray() || off.size() != 2 || !off.get(0).isIntegralNumber()
                || !off.get(1).isIntegralNumber()) {
            throw new SafetensorsException(file, where + ": data_offsets must be [begin, end]");
        }
        long begin = off.get(0).asLong();
        long end = off.get(1).asLong();
        if (begin < 0 || end < begin || end > dataLen) {
            throw new SafetensorsException(file, where + ": data_offsets " + off + " are outside the "
                    + dataLen + " data bytes (file truncated or header corrupt)");
        }
        if (end - begin != numel * dtype.bytes()) {
            throw new SafetensorsException(file, where + ": data_offsets " + off + " span " + (end - begin)
                    + " bytes but " + dtype + Arrays.toString(shape) + " needs " + numel * dtype.bytes());
        }
        ByteBuffer view = buf.duplicate();
        view.position((int) (dataStart + begin)).limit((int) (dataStart + end));
        return new Entry(name, dtype, shape, view);
    }

    public Path file() {
        return file;
    }

    public Map<String, Entry> entries() {
        return entries;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    public Entry entry(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new SafetensorsException(file, "no tensor named '" + name + "' (present: "
                    + String.join(", ", entries.keySet()) + ")");
        }
        return e;
    }

    public int[] shape(String name) {
        return entry(name).shape().clone();
    }

    /** The tensor's values as float32 (converting F64, F16, BF16 and integer types). */
    public float[] floats(String name) {
        Entry e = entry(name);
        ByteBuffer b = e.bytes().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[e.numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (e.dtype()) {
                case F32 -> b.getFloat(i * 4);
                case F64 -> (float) b.getDouble(i * 8);
                case F16 -> Float.float16ToFloat(b.getShort(i * 2));
                case BF16 -> Float.intBitsToFloat((b.getShort(i * 2) & 0xFFFF) << 16);
                default -> (float) integer(e.dtype(), b, i);
            };
        }
        return out;
    }

    /** The tensor's values as ints (I64 values must fit); floating types are rejected. */
    public int[] ints(String name) {
        Entry e = entry(name);
        if (e.dtype() == DType.F32 || e.dtype() == DType.F64 || e.dtype() == DType.F16 || e.dtype() == DType.BF16) {
            throw new SafetensorsException(file, "tensor '" + name + "' has dtype " + e.dtype()
                    + "; an integer or BOOL tensor is expected");
        }
        ByteBuffer b = e.bytes().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int[] out = new int[e.numel()];
        for (int i = 0; i < out.length; i++) {
            long v = integer(e.dtype(), b, i);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new SafetensorsException(file, "tensor '" + name + "' value " + v + " at " + i + " does not fit in 32 bits");
            }
            out[i] = (int) v;
        }
        return out;
    }

    private static long integer(DType t, ByteBuffer b, int i) {
        return switch (t) {
            case BOOL, U8 -> b.get(i) & 0xFF;
            case I8 -> b.get(i);
            case I16 -> b.getShort(i * 2);
            case U16 -> b.getShort(i * 2) & 0xFFFF;
            case I32 -> b.getInt(i * 4);
            case U32 -> b.getInt(i * 4) & 0xFFFFFFFFL;
            case I64, U64 -> b.getLong(i * 8);
            default -> throw new IllegalStateException("not an integer type: " + t);
        };
    }
}
