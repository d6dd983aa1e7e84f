package io.jemini.engine.training;

/** Training stopped (a non-finite loss, a missing checkpoint to resume); the message says where and why. */
public final class TrainingException extends RuntimeException {
    public TrainingException(String message) {
        super(message);
    }
}
