package io.jemini.engine.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.engine.io.FileTrees;
import io.jemini.engine.io.Safetensors;
import io.jemini.engine.io.SafetensorsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checkpoints of a run, one directory per step ({@code step-00000100/}) holding
 * {@code model.safetensors}, {@code optimizer.safetensors} and {@code state.json} with each
 * file's size and SHA-256. A checkpoint is written into a hidden partial directory, every file
 * forced to disk, and then renamed into place, so a crash or a full disk leaves either the
 * complete new checkpoint or none — earlier ones are untouched. Only the last {@code keepLast}
 * are kept.
 */
public final class CheckpointStore {
    public static final String MODEL = "model.safetensors";
    public static final String OPTIMIZER = "optimizer.safetensors";
    public static final String STATE = "state.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final int keepLast;

    public CheckpointStore(Path dir, int keepLast) {
        this.dir = dir;
        this.keepLast = keepLast;
    }

    public static String name(long step) {
        return String.format("step-%08d", step);
    }

    /** Writes a checkpoint for {@code step}; {@code state} gets a {@code files} section with sizes and digests. */
    public Path save(long step, byte[] model, byte[] optimizer, ObjectNode state) {
        Path partial = dir.resolve("." + name(step) + ".partial");
        Path target = dir.resolve(name(step));
        try {
            Files.createDirectories(dir);
            FileTrees.delete(partial);
            Files.createDirectories(partial);
            ObjectNode files = state.putObject("files");
            writeFile(partial.resolve(MODEL), model, files);
            writeFile(partial.resolve(OPTIMIZER), optimizer, files);
            state.put("step", step);
            byte[] json = JSON.writeValueAsBytes(state);
            force(partial.resolve(STATE), json);
            force(partial, null);
            setAside(target);
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target);
            }
            force(dir, null);
        } catch (IOException e) {
            try {
                FileTrees.delete(partial);
            } catch (IOException ignored) {
                // the write error is the one to report
            }
            throw new CheckpointException("cannot write checkpoint " + target + ": " + e.getMessage()
                    + " (earlier checkpoints are intact)", e);
        }
        prune();
        return target;
    }

    /**
     * Moves a directory already at a new checkpoint's place (an incomplete or unrecognised one: a
     * complete one is never rewritten, as resume starts after the newest) out of the way instead of
     * deleting it.
     */
    private static void setAside(Path target) throws IOException {
        if (!Files.exists(target)) {
            return;
        }
        Path aside = target.resolveSibling(target.getFileName() + ".unrecognised");
        for (int i = 2; Files.exists(aside); i++) {
            aside = target.resolveSibling(target.getFileName() + ".unrecognised-" + i);
        }
        Files.move(target, aside);
    }

    private static void writeFile(Path file, byte[] bytes, ObjectNode files) throws IOException {
        force(file, bytes);
        ObjectNode entry = files.putObject(file.getFileName().toString());
        entry.put("bytes", bytes.length);
        entry.put("sha256", sha256(bytes));
    }

    /** Writes {@code bytes} (or, for null, only syncs an existing directory) and forces it to disk. */
    private static void force(Path path, byte[] bytes) throws IOException {
        if (bytes == null) {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                ch.force(true);
            } catch (IOException e) {
                // directories cannot be synced on every file system; the rename is still atomic
            }
            return;
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    private void prune() {
        List<Path> complete = complete();
        for (int i = 0; i < complete.size() - keepLast; i++) {
            try {
                FileTrees.delete(complete.get(i));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete old checkpoint " + complete.get(i), e);
            }
        }
    }

    /** Complete checkpoint directories, oldest first. */
    public List<Path> complete() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("step-\\d{8}") && Files.isRegularFile(p.resolve(STATE)))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + dir, e);
        }
    }

    /**
     * Entries of the checkpoint directory that look like checkpoints but are not complete ones
     * (no {@code state.json}) or are set aside: never read, never deleted.
     */
    public List<Path> unrecognised() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> complete = complete();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("step-") && !complete.contains(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + dir, e);
        }
    }

    /** Where the newest complete checkpoint is, or a sentence saying there is none yet. */
    public String describeLatest() {
        List<Path> all = complete();
        return all.isEmpty() ? "no checkpoint had been written yet" : "the last checkpoint is " + all.get(all.size() - 1);
    }

    /** The {@code state.json} of the newest complete checkpoint (unverified), if any. */
    public Optional<JsonNode> latestState() {
        List<Path> all = complete();
        if (all.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(Files.readAllBytes(all.get(all.size() - 1).resolve(STATE))));
        } catch (IOException e) {
            throw new CheckpointException("checkpoint " + all.get(all.size() - 1) + ": " + STATE + " cannot be read: "
                    + e.getMessage());
        }
    }

    /** The newest complete checkpoint, verified; empty when there is none. */
    public Optional<Checkpoint> latest() {
        List<Path> all = complete();
        return all.isEmpty() ? Optional.empty() : Optional.of(load(all.get(all.size() - 1)));
    }

    /** Loads and verifies one checkpoint directory: sizes and digests must match its state.json. */
    public static Checkpoint load(Path checkpoint) {
        JsonNode state;
        try {
            state = JSON.readTree(Files.readAllBytes(checkpoint.resolve(STATE)));
        } catch (IOException e) {
            throw new CheckpointException("checkpoint " + checkpoint + ": " + STATE + " cannot be read: " + e.getMessage());
        }
        if (state == null || !state.path("files").isObject() || !state.path("step").canConvertToLong()) {
            throw new CheckpointException("checkpoint " + checkpoint + ": " + STATE + " lacks step or files");
        }
        Iterator<Map.Entry<String, JsonNode>> files = state.get("files").fields();
        while (files.hasNext()) {
            Map.Entry<String, JsonNode> f = files.next();
            verify(checkpoint, f.getKey(), f.getValue());
        }
        try {
            return new Checkpoint(checkpoint, state.get("step").asLong(), state,
                    Safetensors.read(checkpoint.resolve(MODEL)), Safetensors.read(checkpoint.resolve(OPTIMIZER)));
        } catch (SafetensorsException e) {
            throw new CheckpointException("checkpoint " + checkpoint + ": " + e.getMessage(), e);
        }
    }

    private static void verify(Path checkpoint, String name, JsonNode expected) {
        Path file = checkpoint.resolve(name);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CheckpointException("checkpoint " + checkpoint + ": " + name + " is missing or unreadable");
        }
        long size = expected.path("bytes").asLong(-1);
        if (bytes.length != size) {
            throw new CheckpointException("checkpoint " + checkpoint + ": " + name + " has " + bytes.length
                    + " bytes, expected " + size + " (truncated or replaced)");
        }
        if (!sha256(bytes).equals(expected.path("sha256").asText())) {
            throw new CheckpointException("checkpoint " + checkpoint + ": " + name + " fails its SHA-256 check (corrupted)");
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
