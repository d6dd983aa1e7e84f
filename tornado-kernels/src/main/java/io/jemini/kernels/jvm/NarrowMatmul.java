package io.jemini.kernels.jvm;

import io.jemini.kernels.backend.JvmBackend;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Products too narrow for {@link VectorMatmul}'s register tile (at most {@link #MAX_COLUMNS}
 * columns, such as an MoE router's logits), vectorised across C's columns. Each element is
 * computed exactly as {@link io.jemini.kernels.MatmulKernels#gemm} computes it — products
 * rounded, then added from zero in k order, without fused multiply-adds — so the two give the
 * same bits; only the columns (lanes) and four rows at a time run side by side.
 */
public final class NarrowMatmul {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** The widest C this kernel takes: two vectors of columns. */
    public static final int MAX_COLUMNS = 2 * LANES;
    /** Rows of C computed side by side, so their additions do not wait on one another. */
    private static final int ROWS = 4;
    /** Below this many flops a product runs on the calling thread. */
    private static final double SERIAL_FLOPS = 1 << 20;

    private NarrowMatmul() {
    }

    /** {@code C (+)= op(A) · op(B)} for a C at most {@link #MAX_COLUMNS} wide. */
    public static void product(JvmBackend backend, MatrixProduct p) {
        int m = p.m();
        int n = p.n();
        int k = p.k();
        if (n > MAX_COLUMNS) {
            throw new IllegalArgumentException("a narrow product has at most " + MAX_COLUMNS + " columns, not " + n);
        }
        if (m == 0 || n == 0) {
            return;
        }
        int width = n <= LANES ? LANES : MAX_COLUMNS;
        float[] columns = new float[k * width];
        for (int q = 0; q < k; q++) {
            for (int j = 0; j < n; j++) {
                columns[q * width + j] = p.b()[p.bOff() + (p.transB() ? j * p.ldb() + q : q * p.ldb() + j)];
            }
        }
        int groups = (m + ROWS - 1) / ROWS;
        if (backend.threads() == 1 || 2.0 * m * n * k < SERIAL_FLOPS) {
            rows(p, columns, width, 0, groups);
        } else {
            backend.parallelFor(groups, 1, (lo, hi) -> rows(p, columns, width, lo, hi));
        }
    }

    /** Row groups {@code g0 … g1} of C; a last group short of {@link #ROWS} repeats its last row and stores only its own. */
    private static void rows(MatrixProduct p, float[] columns, int width, int g0, int g1) {
        float[] sums = new float[ROWS * MAX_COLUMNS];
        int aRow = p.transA() ? 1 : p.lda();
        int aCol = p.transA() ? p.lda() : 1;
        for (int g = g0; g < g1; g++) {
            int i0 = g * ROWS;
            int rows = Math.min(ROWS, p.m() - i0);
            int row0 = p.aOff() + i0 * aRow;
            int row1 = row0 + Math.min(1, rows - 1) * aRow;
            int row2 = row0 + Math.min(2, rows - 1) * aRow;
            int row3 = row0 + Math.min(3, rows - 1) * aRow;
            if (width == LANES) {
                oneVector(p.a(), row0, row1, row2, row3, aCol, columns, p.k(), sums);
            } else {
                twoVectors(p.a(), row0, row1, row2, row3, aCol, columns, p.k(), sums);
            }
            for (int r = 0; r < rows; r++) {
                int row = p.cOff() + (i0 + r) * p.rowStep();
                for (int j = 0; j < p.n(); j++) {
                    int at = row + j * p.colStep();
                    float s = sums[r * MAX_COLUMNS + j];
                    p.c()[at] = p.accumulate() ? p.c()[at] + s : s;
                }
            }
        }
    }

    /** Four rows of C against one vector of columns; row r's A values at {@code a[rowR + q·step]}. */
    private static void oneVector(float[] a, int row0, int row1, int row2, int row3, int step, float[] columns, int k,
                                  float[] sums) {
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = FloatVector.zero(SPECIES);
        FloatVector s2 = FloatVector.zero(SPECIES);
        FloatVector s3 = FloatVector.zero(SPECIES);
        for (int q = 0; q < k; q++) {
            FloatVector b = FloatVector.fromArray(SPECIES, columns, q * LANES);
            int at = q * step;
            s0 = s0.add(b.mul(a[row0 + at]));
            s1 = s1.add(b.mul(a[row1 + at]));
            s2 = s2.add(b.mul(a[row2 + at]));
            s3 = s3.add(b.mul(a[row3 + at]));
        }
        s0.intoArray(sums, 0);
        s1.intoArray(sums, MAX_COLUMNS);
        s2.intoArray(sums, 2 * MAX_COLUMNS);
        s3.intoArray(sums, 3 * MAX_COLUMNS);
    }

    /** Four rows of C against two vectors of columns. */
    private static void twoVectors(float[] a, int row0, int row1, int row2, int row3, int step, float[] columns, int k,
                                   float[] sums) {
        FloatVector s00 = FloatVector.zero(SPECIES);
        FloatVector s01 = FloatVector.zero(SPECIES);
        FloatVector s10 = FloatVector.zero(SPECIES);
        FloatVector s11 = FloatVector.zero(SPECIES);
        FloatVector s20 = FloatVector.zero(SPECIES);
        FloatVector s21 = FloatVector.zero(SPECIES);
        FloatVector s30 = FloatVector.zero(SPECIES);
        FloatVector s31 = FloatVector.zero(SPECIES);
        for (int q = 0; q < k; q++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, columns, q * MAX_COLUMNS);
            FloatVector b1 = FloatVector.fromArray(SPECIES, columns, q * MAX_COLUMNS + LANES);
            int at = q * step;
            float a0 = a[row0 + at];
            float a1 = a[row1 + at];
            float a2 = a[row2 + at];
            float a3 = a[row3 + at];
            s00 = s00.add(b0.mul(a0));
            s01 = s01.add(b1.mul(a0));
            s10 = s10.add(b0.mul(a1));
            s11 = s11.add(b1.mul(a1));
            s20 = s20.add(b0.mul(a2));
            s21 = s21.add(b1.mul(a2));
            s30 = s30.add(b0.mul(a3));
            s31 = s31.add(b1.mul(a3));
        }
        s00.intoArray(sums, 0);
        s01.intoArray(sums, LANES);
        s10.intoArray(sums, MAX_COLUMNS);
        s11.intoArray(sums, MAX_COLUMNS + LANES);
        s20.intoArray(sums, 2 * MAX_COLUMNS);
        s21.intoArray(sums, 2 * MAX_COLUMNS + LANES);
        s30.intoArray(sums, 3 * MAX_COLUMNS);
        s31.intoArray(sums, 3 * MAX_COLUMNS + LANES);
    }
}
