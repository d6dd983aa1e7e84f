package io.jemini.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.engine.io.SafetensorsWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
    @TempDir
    Path dir;

    private static byte[] tensors(float v) {
        return new SafetensorsWriter().putF32("w", new float[] {v, v + 1}, 2).toBytes();
    }

    private static ObjectNode state() {
        return new ObjectMapper().createObjectNode().put("note", "x");
    }

    @Test
    void keepsTheLastKAndLoadsTheNewest() {
        CheckpointStore store = new CheckpointStore(dir, 2);
        for (int step = 10; step <= 40; step += 10) {
            store.save(step, tensors(step), tensors(-step), state());
        }
        List<Path> kept = store.complete();
        assertEquals(List.of("step-00000030", "step-00000040"), kept.stream().map(p -> p.getFileName().toString()).toList());
        Checkpoint latest = store.latest().orElseThrow();
        assertEquals(40, latest.step());
        assertArrayEquals(new float[] {40, 41}, latest.model().floats("w"));
        assertEquals("x", latest.state().path("note").asText());
    }

    @Test
    void truncatedOrCorruptedFilesAreNamed() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 3);
        Path ckpt = store.save(5, tensors(1), tensors(2), state());
        try (RandomAccessFile f = new RandomAccessFile(ckpt.resolve(CheckpointStore.MODEL).toFile(), "rw")) {
            f.setLength(f.length() - 3);
        }
        CheckpointException t = assertThrows(CheckpointException.class, () -> store.latest());
        assertTrue(t.getMessage().contains("model.safetensors has") && t.getMessage().contains("truncated"), t.getMessage());
        Path other = store.save(6, tensors(1), tensors(2), state());
        byte[] bytes = Files.readAllBytes(other.resolve(CheckpointStore.OPTIMIZER));
        bytes[bytes.length - 1] ^= 1;
        Files.write(other.resolve(CheckpointStore.OPTIMIZER), bytes);
        CheckpointException c = assertThrows(CheckpointException.class, () -> store.latest());
        assertTrue(c.getMessage().contains("optimizer.safetensors fails its SHA-256 check"), c.getMessage());
    }

    @Test
    /** The write fails (here: the target lies under a regular file, as a full disk would fail it). */
    void aFailedWriteLeavesEarlierCheckpointsIntact() {
        CheckpointStore store = new CheckpointStore(dir, 5);
        store.save(1, tensors(1), tensors(2), state());
        CheckpointStore blocked = new CheckpointStore(dir.resolve("step-00000001").resolve("model.safetensors"), 5);
        CheckpointException e = assertThrows(CheckpointException.class, () -> blocked.save(2, tensors(3), tensors(4), state()));
        assertTrue(e.getMessage().contains("earlier checkpoints are intact"), e.getMessage());
        assertEquals(1, store.latest().orElseThrow().step());
        assertArrayEquals(new float[] {1, 2}, store.latest().orElseThrow().model().floats("w"));
    }
}
