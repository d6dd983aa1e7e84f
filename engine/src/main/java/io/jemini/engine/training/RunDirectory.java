package io.jemini.engine.training;

import io.jemini.engine.config.UsageException;
import io.jemini.engine.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A self-describing run directory: {@code config.json} (fully resolved), {@code metrics.jsonl},
 * {@code checkpoints/}, {@code tokenizer.json} (text runs), {@code results.json},
 * {@code report.md} and {@code plots/}.
 */
public record RunDirectory(Path dir) {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** A new directory {@code parent/<name>-<UTC timestamp>} (with a numeric suffix if taken). */
    public static RunDirectory create(Path parent, String name, ZonedDateTime now) {
        String base = name + "-" + now.withZoneSameInstant(ZoneOffset.UTC).format(STAMP);
        try {
            Files.createDirectories(parent);
            Path dir = parent.resolve(base);
            for (int i = 2; ; i++) {
                try {
                    Files.createDirectory(dir);
                    return new RunDirectory(dir);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    dir = parent.resolve(base + "-" + i);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run directory in " + parent + ": " + e.getMessage(), e);
        }
    }

    /** An existing run directory; fails naming the path when it has no config.json. */
    public static RunDirectory open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UsageException(dir + " does not exist or is not a directory; give a run directory (it holds config.json)");
        }
        if (!Files.isRegularFile(dir.resolve("config.json"))) {
            throw new UsageException(dir + " is not a run directory (no config.json)");
        }
        return new RunDirectory(dir);
    }

    public Path config() {
        return dir.resolve("config.json");
    }

    public Path metrics() {
        return dir.resolve("metrics.jsonl");
    }

    public Path checkpoints() {
        return dir.resolve("checkpoints");
    }

    public Path tokenizer() {
        return dir.resolve("tokenizer.json");
    }

    public Path results() {
        return dir.resolve("results.json");
    }

    public Path report() {
        return dir.resolve("report.md");
    }

    /** Written instead of results when the run failed (a sweep point), holding the error. */
    public Path failure() {
        return dir.resolve("failed.txt");
    }

    /**
     * How data-parallel worker {@code rank} spent its last session's steps ({@code workers/rank-R.json}:
     * computing micro-batches and reducing, and exchanging with the other workers).
     */
    public Path workerTiming(int rank) {
        return dir.resolve("workers").resolve("rank-" + rank + ".json");
    }

    public Path plots() {
        return dir.resolve("plots");
    }

    public void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file.toAbsolutePath().getParent(), e);
        }
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
