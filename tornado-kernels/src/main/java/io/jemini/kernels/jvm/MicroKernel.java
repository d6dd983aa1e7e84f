package io.jemini.kernels.jvm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The innermost loop of {@link VectorMatmul}: an {@link #MR}×{@link #NR} tile of C accumulated
 * in registers over one k block and stored straight into C, or into a buffer for the tiles at C's
 * edges and for a C stored by columns.
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
     * registers on AVX2 that C2 spills none (a 6×2 tile ran at about half the speed). A is read
     * from one packed micro-panel ({@code pa[aBase + p·MR + r]}, see {@link Packing#packA}) and B
     * at {@code bBase + p·NR}, after an up-front range check, so C2 drops the per-access bounds
     * checks. The tile is written (or, with {@code add}, added) to {@code dst} with its rows at
     * {@code d}, {@code d + ds} and {@code d + 2·ds}.
     */
    static void microKernel(float[] pa, int aBase, float[] pb, int bBase, int kc, float[] dst, int d, int ds,
                            boolean add) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c02 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c12 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c22 = FloatVector.zero(SPECIES);
        if (Math.min(aBase, bBase) < 0 || aBase + MR * kc > pa.length || bBase + NR * kc > pb.length) {
            throw new IndexOutOfBoundsException("micro-panel out of range");
        }
        for (int p = 0; p < kc; p++) {
            int bo = bBase + p * NR;
            int ao = aBase + p * MR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, pb, bo);
            FloatVector b1 = FloatVector.fromArray(SPECIES, pb, bo + LANES);
            FloatVector b2 = FloatVector.fromArray(SPECIES, pb, bo + 2 * LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, pa[ao]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            FloatVector a1 = FloatVector.broadcast(SPECIES, pa[ao + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            FloatVector a2 = FloatVector.broadcast(SPECIES, pa[ao + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            c22 = a2.fma(b2, c22);
        }
        put(c00, dst, d, add);
        put(c01, dst, d + LANES, add);
        put(c02, dst, d + 2 * LANES, add);
        put(c10, dst, d + ds, add);
        put(c11, dst, d + ds + LANES, add);
        put(c12, dst, d + ds + 2 * LANES, add);
        put(c20, dst, d + 2 * ds, add);
        put(c21, dst, d + 2 * ds + LANES, add);
        put(c22, dst, d + 2 * ds + 2 * LANES, add);
    }

    /** {@code v} written to {@code dst} at {@code at}, or added to what is there ({@code v + dst}). */
    private static void put(FloatVector v, float[] dst, int at, boolean add) {
        (add ? v.add(FloatVector.fromArray(SPECIES, dst, at)) : v).intoArray(dst, at);
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
                    put(FloatVector.fromArray(SPECIES, tile, t + v), c, row + v, add);
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
