package io.jemini.kernels.jvm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The innermost loop of {@link VectorMatmul}: a {@link Tile} of C accumulated in registers over
 * one k block and stored straight into C, or into a buffer for the tiles at C's edges and for a C
 * stored by columns.
 */
final class MicroKernel {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();

    private MicroKernel() {
    }

    /**
     * The product of one packed micro-panel of A ({@code pa[aBase + p·mr + r]}, see {@link
     * Packing#packA}) and one packed panel of B ({@code pb[bBase + p·nr + j]}) over {@code kc},
     * written (or, with {@code add}, added) to {@code dst} with its rows at {@code d + r·ds}.
     */
    static void microKernel(Tile tile, float[] pa, int aBase, float[] pb, int bBase, int kc, float[] dst, int d, int ds,
                            boolean add) {
        switch (tile) {
            case THREE_ROWS -> threeRows(pa, aBase, pb, bBase, kc, dst, d, ds, add);
            case FOUR_ROWS -> fourRows(pa, aBase, pb, bBase, kc, dst, d, ds, add);
            case EIGHT_ROWS -> eightRows(pa, aBase, pb, bBase, kc, dst, d, ds, add);
        }
    }

    /**
     * The 3-row by 3-vector tile: nine accumulators, which leaves enough vector registers on AVX2
     * that C2 spills none (a 6×2 tile ran at about half the speed). Both operands are checked
     * against their arrays up front, inside the kernel, so C2 drops the per-access bounds checks
     * (the same check in a method of its own did not let it: 14% slower).
     */
    private static void threeRows(float[] pa, int aBase, float[] pb, int bBase, int kc, float[] dst, int d, int ds,
                                  boolean add) {
        final int mr = 3;
        final int nr = 3 * LANES;
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c02 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c12 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c22 = FloatVector.zero(SPECIES);
        if (Math.min(aBase, bBase) < 0 || aBase + mr * kc > pa.length || bBase + nr * kc > pb.length) {
            throw new IndexOutOfBoundsException("micro-panel out of range");
        }
        for (int p = 0; p < kc; p++) {
            int bo = bBase + p * nr;
            int ao = aBase + p * mr;
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

    /** The 4-row by 2-vector tile: eight accumulators, for C whose width {@link Tile#forShape} finds it pads less. */
    private static void fourRows(float[] pa, int aBase, float[] pb, int bBase, int kc, float[] dst, int d, int ds,
                                 boolean add) {
        final int mr = 4;
        final int nr = 2 * LANES;
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        if (Math.min(aBase, bBase) < 0 || aBase + mr * kc > pa.length || bBase + nr * kc > pb.length) {
            throw new IndexOutOfBoundsException("micro-panel out of range");
        }
        for (int p = 0; p < kc; p++) {
            int bo = bBase + p * nr;
            int ao = aBase + p * mr;
            FloatVector b0 = FloatVector.fromArray(SPECIES, pb, bo);
            FloatVector b1 = FloatVector.fromArray(SPECIES, pb, bo + LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, pa[ao]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, pa[ao + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, pa[ao + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, pa[ao + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
        }
        put(c00, dst, d, add);
        put(c01, dst, d + LANES, add);
        put(c10, dst, d + ds, add);
        put(c11, dst, d + ds + LANES, add);
        put(c20, dst, d + 2 * ds, add);
        put(c21, dst, d + 2 * ds + LANES, add);
        put(c30, dst, d + 3 * ds, add);
        put(c31, dst, d + 3 * ds + LANES, add);
    }

    /**
     * The 8-row by 2-vector tile for 16-float vectors: sixteen accumulators, which AVX-512's 32
     * vector registers hold with room for both B vectors and the broadcast (on AVX2's 16 they
     * would spill). Its stores are written out rather than passed to {@link #put}: C2 stopped
     * inlining half of sixteen such calls (its node-count cutoff), and every call it did not
     * inline boxed an accumulator, 1.2–1.9× slower on whole products.
     */
    private static void eightRows(float[] pa, int aBase, float[] pb, int bBase, int kc, float[] dst, int d, int ds,
                                  boolean add) {
        final int mr = 8;
        final int nr = 2 * LANES;
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES);
        FloatVector c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES);
        FloatVector c51 = FloatVector.zero(SPECIES);
        FloatVector c60 = FloatVector.zero(SPECIES);
        FloatVector c61 = FloatVector.zero(SPECIES);
        FloatVector c70 = FloatVector.zero(SPECIES);
        FloatVector c71 = FloatVector.zero(SPECIES);
        if (Math.min(aBase, bBase) < 0 || aBase + mr * kc > pa.length || bBase + nr * kc > pb.length) {
            throw new IndexOutOfBoundsException("micro-panel out of range");
        }
        for (int p = 0; p < kc; p++) {
            int bo = bBase + p * nr;
            int ao = aBase + p * mr;
            FloatVector b0 = FloatVector.fromArray(SPECIES, pb, bo);
            FloatVector b1 = FloatVector.fromArray(SPECIES, pb, bo + LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, pa[ao]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, pa[ao + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, pa[ao + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, pa[ao + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(SPECIES, pa[ao + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(SPECIES, pa[ao + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(SPECIES, pa[ao + 6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(SPECIES, pa[ao + 7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
        }
        if (add) {
            c00 = c00.add(FloatVector.fromArray(SPECIES, dst, d));
            c01 = c01.add(FloatVector.fromArray(SPECIES, dst, d + LANES));
            c10 = c10.add(FloatVector.fromArray(SPECIES, dst, d + ds));
            c11 = c11.add(FloatVector.fromArray(SPECIES, dst, d + ds + LANES));
            c20 = c20.add(FloatVector.fromArray(SPECIES, dst, d + 2 * ds));
            c21 = c21.add(FloatVector.fromArray(SPECIES, dst, d + 2 * ds + LANES));
            c30 = c30.add(FloatVector.fromArray(SPECIES, dst, d + 3 * ds));
            c31 = c31.add(FloatVector.fromArray(SPECIES, dst, d + 3 * ds + LANES));
            c40 = c40.add(FloatVector.fromArray(SPECIES, dst, d + 4 * ds));
            c41 = c41.add(FloatVector.fromArray(SPECIES, dst, d + 4 * ds + LANES));
            c50 = c50.add(FloatVector.fromArray(SPECIES, dst, d + 5 * ds));
            c51 = c51.add(FloatVector.fromArray(SPECIES, dst, d + 5 * ds + LANES));
            c60 = c60.add(FloatVector.fromArray(SPECIES, dst, d + 6 * ds));
            c61 = c61.add(FloatVector.fromArray(SPECIES, dst, d + 6 * ds + LANES));
            c70 = c70.add(FloatVector.fromArray(SPECIES, dst, d + 7 * ds));
            c71 = c71.add(FloatVector.fromArray(SPECIES, dst, d + 7 * ds + LANES));
        }
        c00.intoArray(dst, d);
        c01.intoArray(dst, d + LANES);
        c10.intoArray(dst, d + ds);
        c11.intoArray(dst, d + ds + LANES);
        c20.intoArray(dst, d + 2 * ds);
        c21.intoArray(dst, d + 2 * ds + LANES);
        c30.intoArray(dst, d + 3 * ds);
        c31.intoArray(dst, d + 3 * ds + LANES);
        c40.intoArray(dst, d + 4 * ds);
        c41.intoArray(dst, d + 4 * ds + LANES);
        c50.intoArray(dst, d + 5 * ds);
        c51.intoArray(dst, d + 5 * ds + LANES);
        c60.intoArray(dst, d + 6 * ds);
        c61.intoArray(dst, d + 6 * ds + LANES);
        c70.intoArray(dst, d + 7 * ds);
        c71.intoArray(dst, d + 7 * ds + LANES);
    }

    /** {@code v} written to {@code dst} at {@code at}, or added to what is there ({@code v + dst}). */
    private static void put(FloatVector v, float[] dst, int at, boolean add) {
        (add ? v.add(FloatVector.fromArray(SPECIES, dst, at)) : v).intoArray(dst, at);
    }

    /**
     * Writes (or, with {@code add}, adds: {@code c = src + c}) a {@code rows×cols} block held in
     * {@code src} from {@code s} with rows {@code width} apart to C, whose element (r, j) is at
     * {@code cBase + r·rowStep + j·colStep}: the corner of a tile buffered at C's edges, or a
     * split-k product's partial sums. Rows of a C stored by rows move a vector at a time.
     */
    static void storeBlock(float[] src, int s, int width, float[] c, int cBase, int rowStep, int colStep, int rows,
                           int cols, boolean add) {
        int whole = colStep == 1 ? cols - cols % LANES : 0;
        for (int r = 0; r < rows; r++) {
            int row = cBase + r * rowStep;
            int t = s + r * width;
            for (int v = 0; v < whole; v += LANES) {
                put(FloatVector.fromArray(SPECIES, src, t + v), c, row + v, add);
            }
            for (int j = whole; j < cols; j++) {
                int at = row + j * colStep;
                c[at] = add ? src[t + j] + c[at] : src[t + j];
            }
        }
    }
}
