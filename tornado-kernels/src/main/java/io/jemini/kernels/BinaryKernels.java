package io.jemini.kernels;

/**
 * Element-wise binary arithmetic with NumPy broadcasting. The operator is an int code
 * ({@link #ADD}, {@link #SUB}, {@link #MUL}, {@link #DIV}) so that one loop nest serves all four.
 */
public final class BinaryKernels {
    public static final int ADD = 0;
    public static final int SUB = 1;
    public static final int MUL = 2;
    public static final int DIV = 3;

    private BinaryKernels() {
    }

    /** Same-shape operands: {@code out[i] = a[i] op b[i]}. */
    public static void apply(int op, float[] a, float[] b, float[] out, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            float x = a[i];
            float y = b[i];
            float r = 0.0f;
            if (op == ADD) {
                r = x + y;
            } else if (op == SUB) {
                r = x - y;
            } else if (op == MUL) {
                r = x * y;
            } else {
                r = x / y;
            }
            out[i] = r;
        }
    }

    /**
     * Broadcast operands. The output is viewed as rows of its last dimension; the parallel range
     * is over rows. {@code aStrides}/{@code bStrides} give each operand's element stride per
     * output dimension, 0 where that operand is broadcast.
     */
    public static void applyBroadcast(int op, float[] a, float[] b, float[] out, int[] outShape,
                                      int[] aStrides, int[] bStrides, int rank, int lo, int hi) {
        int cols = outShape[rank - 1];
        int aCol = aStrides[rank - 1];
        int bCol = bStrides[rank - 1];
        for (int row = lo; row < hi; row++) {
            int rem = row;
            int aBase = 0;
            int bBase = 0;
            for (int d = rank - 2; d >= 0; d--) {
                int coord = rem % outShape[d];
                rem = rem / outShape[d];
                aBase += coord * aStrides[d];
                bBase += coord * bStrides[d];
            }
            int o = row * cols;
            for (int j = 0; j < cols; j++) {
                float x = a[aBase + j * aCol];
                float y = b[bBase + j * bCol];
                float r = 0.0f;
                if (op == ADD) {
                    r = x + y;
                } else if (op == SUB) {
                    r = x - y;
                } else if (op == MUL) {
                    r = x * y;
                } else {
                    r = x / y;
                }
                out[o + j] = r;
            }
        }
    }

    /** {@code y[i] = x[i] * scale + shift}. */
    public static void affine(float[] x, float scale, float shift, float[] y, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            y[i] = x[i] * scale + shift;
        }
    }

    /** {@code y[i] += alpha * x[i]}. */
    public static void axpy(float alpha, float[] x, float[] y, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            y[i] += alpha * x[i];
        }
    }

    /** {@code out[i] += a[i] * b[i]}. */
    public static void mulAccumulate(float[] a, float[] b, float[] out, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            out[i] += a[i] * b[i];
        }
    }

    /** {@code y[i] = c[i] != 0 ? a[i] : b[i]}. */
    public static void select(float[] c, float[] a, float[] b, float[] y, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            y[i] = c[i] != 0 ? a[i] : b[i];
        }
    }

    /** Adds {@code g[i]} into {@code ga[i]} where the condition holds and into {@code gb[i]} elsewhere. */
    public static void selectBackward(float[] c, float[] g, float[] ga, float[] gb, int withA, int withB,
                                      int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            if (c[i] != 0) {
                if (withA != 0) {
                    ga[i] += g[i];
                }
            } else if (withB != 0) {
                gb[i] += g[i];
            }
        }
    }

    /**
     * {@code out = x} with {@code value} where the broadcast mask is non-zero; rows of the last
     * dimension are the parallel range. With {@code x} an upstream gradient and value 0 this is
     * also the backward pass.
     */
    public static void maskedFill(float[] x, float[] mask, float value, float[] out, int[] outShape,
                                  int[] maskStrides, int rank, int lo, int hi) {
        int cols = outShape[rank - 1];
        int mCol = maskStrides[rank - 1];
        for (int row = lo; row < hi; row++) {
            int rem = row;
            int mBase = 0;
            for (int d = rank - 2; d >= 0; d--) {
                int coord = rem % outShape[d];
                rem = rem / outShape[d];
                mBase += coord * maskStrides[d];
            }
            int o = row * cols;
            for (int j = 0; j < cols; j++) {
                out[o + j] = mask[mBase + j * mCol] != 0.0f ? value : x[o + j];
            }
        }
    }
}
