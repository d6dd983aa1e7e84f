package io.jemini.engine.testing;

import java.util.Arrays;

/** A double-precision array with a shape: the value type of the reference implementations. */
public record DArray(double[] v, int[] shape) {
    public DArray {
        if (v.length != numel(shape)) {
            throw new IllegalArgumentException(v.length + " values for shape " + Arrays.toString(shape));
        }
    }

    public static int numel(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    public static DArray zeros(int... shape) {
        return new DArray(new double[numel(shape)], shape.clone());
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis < 0 ? axis + shape.length : axis];
    }

    /** Row-major strides. */
    public static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** Coordinates of flat index {@code p} in {@code shape}. */
    public static int[] coords(int p, int[] shape) {
        int[] c = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            c[d] = p % shape[d];
            p /= shape[d];
        }
        return c;
    }

    public static int flat(int[] coords, int[] shape) {
        int p = 0;
        for (int d = 0; d < shape.length; d++) {
            p = p * shape[d] + coords[d];
        }
        return p;
    }

    public DArray reshape(int... newShape) {
        return new DArray(v, newShape.clone());
    }
}
