package io.jemini.engine.training;

import io.jemini.engine.checkpoint.Checkpoint;
import io.jemini.engine.checkpoint.CheckpointStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Where a run started with {@code train.init_from} takes its weights and tokenizer. */
public final class InitialWeights {
    private InitialWeights() {
    }

    /** {@code from} is a checkpoint directory, or a run directory whose newest complete checkpoint is used. */
    public static Checkpoint checkpoint(Path from) {
        if (isCheckpoint(from)) {
            return CheckpointStore.load(from);
        }
        return new CheckpointStore(from.resolve("checkpoints"), Integer.MAX_VALUE).latest().orElseThrow(() ->
                new TrainingException("train.init_from = " + from + " is not allowed: it is neither a checkpoint nor a run "
                        + "directory with a complete checkpoint"));
    }

    /** Copies the source run's tokenizer into the new run (unless it has one), so token ids mean the same. */
    public static void copyTokenizer(Path from, Path target) {
        Path runDir = isCheckpoint(from) ? from.toAbsolutePath().getParent().getParent() : from;
        Path source = runDir.resolve(target.getFileName());
        if (Files.exists(target) || !Files.exists(source)) {
            return;
        }
        try {
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the tokenizer of " + runDir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isCheckpoint(Path dir) {
        return Files.isRegularFile(dir.resolve(CheckpointStore.STATE));
    }
}
