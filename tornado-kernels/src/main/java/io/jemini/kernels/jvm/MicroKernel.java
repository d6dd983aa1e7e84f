package io.jemini.kernels.jvm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The innermost loop of {@link VectorMatmul}: an {@link #MR}×{@link #NR} tile of C accumulated
 * in registers over one k block, and its store into C.
 */
final class MicroKernel {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    /** Rows of the register tile. */
    static final int MR = 3;
    /** Columns of the register tile: three vectors. */
    static final int NR = 3 * LANES;

    private MicroKernel() {
    }

    /**
     * The register tile: 3 rows by 3 vectors, nine accumulators, which leaves enough vector
     * registers on AVX2 that C2 spills none (a 6×2 tile ran at about half the speed). Its three rows of
     * A are read at {@code row_r + p} and B at {@code bBase + p·NR}, after an up-front range check,
     * so C2 drops the per-access bounds checks.
     */
    static void microKernel(float[] pa, int row0, int row1, int row2, float[] pb, int bBase, int kc, float[] tile) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c02 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c12 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c22 = FloatVector.zero(SPECIES);
        if (Math.min(Math.min(row0, row1), Math.min(row2, bBase)) < 0
                || Math.max(Math.max(row0, row1), row2) + kc > pa.length || bBase + NR * kc > pb.length) {
            throw new IndexOutOfBoundsException("micro-panel out of range");
        }
        for (int p = 0; p < kc; p++) {
            int bo = bBase + p * NR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, pb, bo);
            FloatVector b1 = FloatVector.fromArray(SPECIES, pb, bo + LANES);
            FloatVector b2 = FloatVector.fromArray(SPECIES, pb, bo + 2 * LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, pa[row0 + p]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            FloatVector a1 = FloatVector.broadcast(SPECIES, pa[row1 + p]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            FloatVector a2 = FloatVector.broadcast(SPECIES, pa[row2 + p]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            c22 = a2.fma(b2, c22);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, LANES);
        c02.intoArray(tile, 2 * LANES);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + LANES);
        c12.intoArray(tile, NR + 2 * LANES);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + LANES);
        c22.intoArray(tile, 2 * NR + 2 * LANES);
    }

    /**
     * Writes (or, with {@code add}, adds) the valid {@code mr×nr} corner of a tile to C, whose
     * element (r, j) is at {@code cBase + r·rowStep + j·colStep}.
     */
    static void storeTile(float[] tile, float[] c, int cBase, int rowStep, int colStep, int mr, int nr,
                                  boolean add) {
        for (int r = 0; r < mr; r++) {
            int row = cBase + r * rowStep;
            int t = r * NR;
            if (colStep != 1) {
                for (int j = 0; j < nr; j++) {
                    int at = row + j * colStep;
                    c[at] = add ? tile[t + j] + c[at] : tile[t + j];
                }
            } else if (nr == NR) {
                for (int v = 0; v < NR; v += LANES) {
                    FloatVector x = FloatVector.fromArray(SPECIES, tile, t + v);
                    (add ? x.add(FloatVector.fromArray(SPECIES, c, row + v)) : x).intoArray(c, row + v);
                }
            } else if (add) {
                for (int j = 0; j < nr; j++) {
                    c[row + j] += tile[t + j];
                }
            } else {
                System.arraycopy(tile, t, c, row, nr);
            }
        }
    }
}
