package io.jemini.engine.checkpoint;

/** A checkpoint that cannot be written or used; the message names the checkpoint and the problem. */
public final class CheckpointException extends RuntimeException {
    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
