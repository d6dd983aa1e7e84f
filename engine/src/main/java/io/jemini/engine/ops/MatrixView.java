package io.jemini.engine.ops;

/**
 * A {@code rows × cols} matrix inside a float array: row-major storage from {@code offset} with
 * leading dimension {@code ld}, or — when {@code transposed} — the transpose of a
 * {@code cols × rows} matrix stored that way. It lets matrix-product code say which product it
 * computes ({@code dA += dC · Bᵀ}) instead of encoding it in argument order.
 */
public record MatrixView(float[] data, int offset, int ld, int rows, int cols, boolean transposed) {
    /** The row-major {@code rows × cols} matrix at {@code offset}. */
    public static MatrixView of(float[] data, int offset, int rows, int cols) {
        return new MatrixView(data, offset, cols, rows, cols, false);
    }

    /** The stored matrix itself, or its transpose when {@code transposed}: {@code op(M)} as a view. */
    public static MatrixView op(float[] data, int offset, int storedRows, int storedCols, boolean transposed) {
        MatrixView stored = of(data, offset, storedRows, storedCols);
        return transposed ? stored.t() : stored;
    }

    /** The transpose, sharing the storage. */
    public MatrixView t() {
        return new MatrixView(data, offset, ld, cols, rows, !transposed);
    }

    /** The same view moved by {@code elements} in the array (the next item of a batch). */
    public MatrixView shift(int elements) {
        return new MatrixView(data, offset + elements, ld, rows, cols, transposed);
    }
}
