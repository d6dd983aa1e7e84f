package io.jemini.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsEveryWrittenType() {
        Path f = dir.resolve("t.safetensors");
        new SafetensorsWriter()
                .putF32("w", new float[] {1.5f, -2f, 3f, 0f, 5f, 6f}, 2, 3)
                .putF64("d", new double[] {Math.PI}, 1)
                .putI32("i", new int[] {-7, 8}, 2)
                .putI64("l", new long[] {1L << 40, -3}, 2)
                .putBool("b", new boolean[] {true, false, true}, 3)
                .putF32("s", new float[] {4f})
                .putF32("empty", new float[0], 0, 5)
                .metadata("format", "pt")
                .write(f);
        Safetensors st = Safetensors.read(f);
        assertArrayEquals(new float[] {1.5f, -2f, 3f, 0f, 5f, 6f}, st.floats("w"));
        assertArrayEquals(new int[] {2, 3}, st.shape("w"));
        assertEquals((float) Math.PI, st.floats("d")[0]);
        assertArrayEquals(new int[] {-7, 8}, st.ints("i"));
        assertArrayEquals(new int[] {1, 0, 1}, st.ints("b"));
        assertEquals(0, st.shape("s").length);
        assertEquals(4f, st.floats("s")[0]);
        assertArrayEquals(new int[] {0, 5}, st.shape("empty"));
        assertEquals("pt", st.metadata().get("format"));
        SafetensorsException big = assertThrows(SafetensorsException.class, () -> st.ints("l"));
        assertTrue(big.getMessage().contains("does not fit"), big.getMessage());
        assertEquals(Arrays.asList("w", "d", "i", "l", "b", "s", "empty"), st.entries().keySet().stream().toList());
    }

    @Test
    void dataStartsEightByteAligned() {
        byte[] bytes = new SafetensorsWriter().putF32("x", new float[] {1}, 1).toBytes();
        long header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + header) % 8);
    }

    @Test
    void truncatedFile() throws IOException {
        byte[] bytes = new SafetensorsWriter().putF32("x", new float[] {1, 2, 3}, 3).toBytes();
        Path f = write("trunc.safetensors", Arrays.copyOf(bytes, bytes.length - 4));
        assertProblem(f, "data_offsets [0,12] are outside the 8 data bytes");
        assertProblem(write("tiny.safetensors", new byte[] {1, 2, 3}), "truncated: 3 bytes");
        assertProblem(write("short-header.safetensors", Arrays.copyOf(bytes, 20)), "truncated: header length");
    }

    @Test
    void badHeaders() throws IOException {
        assertProblem(file("{\"x\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]", 4),
                "header is not valid JSON");
        assertProblem(file("{\"x\": {\"dtype\": \"Q4\", \"shape\": [1], \"data_offsets\": [0, 4]}}", 4),
                "tensor 'x': dtype \"Q4\" is not one of BOOL, U8");
        assertProblem(file("{\"x\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 4]}}", 4),
                "span 4 bytes but F32[2] needs 8");
        assertProblem(file("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]},"
                + "\"b\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 8]}}", 8), "ranges overlap");
        assertProblem(file("{\"x\": {\"dtype\": \"F32\", \"shape\": [-1], \"data_offsets\": [0, 4]}}", 4),
                "must hold non-negative integers");
        assertProblem(file("{\"x\": 1, \"x\": 2}", 0), "header is not valid JSON");
        assertProblem(file("[1]", 0), "not a JSON object");
    }

    private Path file(String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return write("h" + header.hashCode() + ".safetensors", b.array());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    private static void assertProblem(Path f, String expected) {
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> Safetensors.read(f));
        assertTrue(e.getMessage().startsWith(f.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' lacks '" + expected + "'");
        assertEquals(-1, e.getMessage().indexOf('\n'), "one line");
    }

    @Test
    void atomicWriteReplacesWholeFileAndLeavesNoTemporaries() throws IOException {
        Path f = dir.resolve("ckpt.safetensors");
        new SafetensorsWriter().putF32("x", new float[] {1}, 1).write(f);
        new SafetensorsWriter().putF32("x", new float[] {2, 3}, 2).write(f);
        assertArrayEquals(new float[] {2, 3}, Safetensors.read(f).floats("x"));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }
}
