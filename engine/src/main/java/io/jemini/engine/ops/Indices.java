package io.jemini.engine.ops;

import io.jemini.engine.tensor.Shape;
import java.util.Arrays;

/** An integer tensor (token ids, class labels, gather indices): values and their shape. */
public record Indices(int[] values, Shape shape) {
    public Indices {
        if (values.length != shape.numel()) {
            throw new IllegalArgumentException(values.length + " indices do not fill shape " + shape);
        }
    }

    public static Indices of(int[] values, int... dims) {
        return new Indices(values, Shape.of(dims));
    }

    /** A 1-D index tensor. */
    public static Indices vector(int... values) {
        return new Indices(values, Shape.of(values.length));
    }

    /** Throws naming {@code op} if any value lies outside {@code [0, bound)}. */
    void checkRange(String op, int bound) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] >= bound) {
                throw new IndexOutOfBoundsException(op + ": index " + values[i] + " at position " + i
                        + " is outside [0, " + bound + ")");
            }
        }
    }

    @Override
    public String toString() {
        return "Indices" + shape + Arrays.toString(Arrays.copyOf(values, Math.min(8, values.length)));
    }
}
