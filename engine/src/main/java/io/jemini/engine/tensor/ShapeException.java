package io.jemini.engine.tensor;

/** Thrown when an op gets operands whose shapes it cannot combine; the message names the op and shapes. */
public final class ShapeException extends IllegalArgumentException {
    public ShapeException(String message) {
        super(message);
    }
}
