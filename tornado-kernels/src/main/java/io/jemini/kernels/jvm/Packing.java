package io.jemini.kernels.jvm;

import static io.jemini.kernels.jvm.MicroKernel.LANES;
import static io.jemini.kernels.jvm.MicroKernel.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;

/**
 * Copies of the operands in the layouts {@link MicroKernel} reads: panels of B and micro-panels of
 * A, each a single stream the micro-kernel walks in order.
 */
final class Packing {
    /** Lane {@code i} from lane {@code i mod 4}: a vector's first four lanes, repeated. */
    private static final VectorShuffle<Float> LOW_HALF_TWICE = VectorShuffle.fromOp(SPECIES, i -> i % 4);
    /** Lanes 4 to 7. */
    private static final VectorMask<Float> UPPER_HALF = SPECIES.indexInRange(-4, 4);
    /** Lanes 0 to 7, and lanes 8 to 15: a 16-float vector's halves. */
    private static final VectorMask<Float> FIRST_EIGHT = SPECIES.indexInRange(0, 8);
    private static final VectorMask<Float> SECOND_EIGHT = SPECIES.indexInRange(-8, 8);
    /** Two-source permutes interleaving single lanes, pairs and fours of two vectors' lower halves ({@link #zip}). */
    private static final VectorShuffle<Float> SINGLES_LOWER = zip(1, 0);
    private static final VectorShuffle<Float> PAIRS_LOWER = zip(2, 0);
    private static final VectorShuffle<Float> FOURS_LOWER = zip(4, 0);
    /** The same over the upper halves. */
    private static final VectorShuffle<Float> SINGLES_UPPER = zip(1, 1);
    private static final VectorShuffle<Float> PAIRS_UPPER = zip(2, 1);
    private static final VectorShuffle<Float> FOURS_UPPER = zip(4, 1);

    private Packing() {
    }

    /**
     * Packs column panel {@code panel} of op(B), {@code nr} wide (its columns from {@code col0 +
     * panel·nr}, at most to {@code col0 + nc}), over k rows {@code k0 … k0+kc} at {@code dst},
     * zero-padding it to {@code nr} columns, a {@link Tile}'s two or three vectors. A whole panel of
     * a plain B is copied as those two or three vectors per k row, written out rather than looped
     * over: the copy alone ran 1.2–1.6× faster so. A whole panel of a transposed B is transposed
     * eight columns at a time with 16-float vectors ({@link #transposeEight}), else gathered.
     */
    static void packB(MatrixProduct p, int k0, int kc, int col0, int nc, int nr, float[] packed, int dst, int panel) {
        float[] b = p.b();
        int bOff = p.bOff();
        int ldb = p.ldb();
        boolean transB = p.transB();
        int j0 = col0 + panel * nr;
        int width = Math.min(nr, col0 + nc - j0);
        if (!transB && width == nr) {
            boolean threeVectors = nr == 3 * LANES;
            for (int q = 0; q < kc; q++) {
                int src = bOff + (k0 + q) * ldb + j0;
                int o = dst + q * nr;
                FloatVector.fromArray(SPECIES, b, src).intoArray(packed, o);
                FloatVector.fromArray(SPECIES, b, src + LANES).intoArray(packed, o + LANES);
                if (threeVectors) {
                    FloatVector.fromArray(SPECIES, b, src + 2 * LANES).intoArray(packed, o + 2 * LANES);
                }
            }
            return;
        }
        int vectorK = 0;
        if (transB && width == nr && LANES == 16) {
            vectorK = kc - kc % LANES;
            for (int q = 0; q < vectorK; q += LANES) {
                for (int g = 0; g < nr; g += 8) {
                    transposeEight(b, bOff + (j0 + g) * ldb + k0 + q, ldb, packed, dst + q * nr + g, nr);
                }
            }
        }
        for (int q = vectorK; q < kc; q++) {
            int row = k0 + q;
            int o = dst + q * nr;
            if (!transB) {
                System.arraycopy(b, bOff + row * ldb + j0, packed, o, width);
            } else {
                for (int jj = 0; jj < width; jj++) {
                    packed[o + jj] = b[bOff + (j0 + jj) * ldb + row];
                }
            }
            for (int jj = width; jj < nr; jj++) {
                packed[o + jj] = 0.0f;
            }
        }
    }

    /**
     * Packs rows {@code ic … ic+mc} of op(A) over k {@code k0 … k0+kc} at {@code dst} as micro-panels
     * of the tile's rows {@code mr}: element (row {@code ic + mr·i + r}, k {@code k0 + q}) at
     * {@code dst + i·mr·kc + q·mr + r}. A short last micro-panel is padded with zeros. Each
     * micro-panel is written in order: a plain A's eight-row ones a vector's length of k at a time
     * ({@link #transposeEight}), its others and the tails element by element along its rows, a
     * transposed A as the {@code mr} adjacent values of each k row ({@link #copyRuns}).
     */
    static void packA(MatrixProduct p, int ic, int mc, int k0, int kc, Tile tile, float[] packed, int dst) {
        float[] a = p.a();
        int mr = tile.mr;
        int full = mc / mr;
        int panelSize = mr * kc;
        if (p.transA()) {
            int lda = p.lda();
            for (int i = 0; i < full; i++) {
                copyRuns(a, p.aOff() + k0 * lda + ic + i * mr, lda, packed, dst + i * panelSize, kc, mr);
            }
        } else {
            int lda = p.lda();
            int vectorK = mr == 8 && LANES >= 8 ? kc - kc % LANES : 0;
            for (int i = 0; i < full; i++) {
                int row = p.aRow(ic + i * mr, k0);
                for (int q = 0; q < vectorK; q += LANES) {
                    transposeEight(a, row + q, lda, packed, dst + i * panelSize + q * 8, 8);
                }
                for (int r = 0; r < mr; r++) {
                    interleave(a, row + r * lda + vectorK, packed, dst + i * panelSize + vectorK * mr + r,
                            kc - vectorK, mr);
                }
            }
        }
        if (full * mr < mc) {
            for (int r = 0; r < mr; r++) {
                int row = ic + full * mr + r;
                int o = dst + full * panelSize + r;
                for (int q = 0; q < kc; q++) {
                    packed[o + q * mr] = row < ic + mc ? p.opA(row, k0 + q) : 0.0f;
                }
            }
        }
    }

    /**
     * {@code kc} runs of {@code mr} floats, {@code lda} apart in {@code a} from {@code src}, one
     * after another into {@code packed} from {@code o}: a transposed A's micro-panel. Three- and
     * eight-float runs are array copies of constant length. With 8-float vectors, two four-float runs
     * go out as one vector: the first four lanes of each run's row, the second row's moved up by a
     * permute, 1.3–1.7× the array copies. Only the 8-float vectors the micro-kernel uses appear here:
     * a 4-float vector's store was 2–2.6× slower in some JVMs, which compiled it without its
     * intrinsic after {@code FloatVector.intoArray}'s type profile had seen only 8-float vectors.
     */
    private static void copyRuns(float[] a, int src, int lda, float[] packed, int o, int kc, int mr) {
        if (mr == 3) {
            for (int q = 0; q < kc; q++) {
                System.arraycopy(a, src + q * lda, packed, o + 3 * q, 3);
            }
            return;
        }
        if (mr == 8) {
            for (int q = 0; q < kc; q++) {
                System.arraycopy(a, src + q * lda, packed, o + 8 * q, 8);
            }
            return;
        }
        int q = 0;
        if (LANES == 8 && lda >= LANES) {
            for (; q + 2 < kc; q += 2) {
                FloatVector first = FloatVector.fromArray(SPECIES, a, src + q * lda);
                FloatVector second = FloatVector.fromArray(SPECIES, a, src + (q + 1) * lda);
                first.blend(second.rearrange(LOW_HALF_TWICE), UPPER_HALF).intoArray(packed, o + 4 * q);
            }
        }
        for (; q < kc; q++) {
            System.arraycopy(a, src + q * lda, packed, o + 4 * q, 4);
        }
    }

    /**
     * Eight rows, {@code lda} apart in {@code a} from {@code src}, over one vector's length of k,
     * to {@code packed} from {@code o} with the eight values of each k adjacent and successive k
     * {@code stride} apart: an 8×{@code LANES} transpose in three rounds of two-source permutes,
     * which interleave single lanes, then pairs, then fours. It packs a plain A's eight-row
     * micro-panels (stride 8), where it replaced scalar stores 8 floats apart that took a third of
     * a 1024×64·16 product, and a transposed B's panels eight columns at a time (stride
     * {@code nr}, 16-float vectors only), where it replaced an element-by-element gather. There
     * each vector of the result, eight rows at two k, goes out as two masked stores, both within
     * the panel so neither takes the masked store's slow path. The stores are written out: in a
     * method of their own, C2 stopped inlining them (its node-count cutoff) and boxed each vector.
     */
    private static void transposeEight(float[] a, int src, int lda, float[] packed, int o, int stride) {
        FloatVector r0 = FloatVector.fromArray(SPECIES, a, src);
        FloatVector r1 = FloatVector.fromArray(SPECIES, a, src + lda);
        FloatVector r2 = FloatVector.fromArray(SPECIES, a, src + 2 * lda);
        FloatVector r3 = FloatVector.fromArray(SPECIES, a, src + 3 * lda);
        FloatVector r4 = FloatVector.fromArray(SPECIES, a, src + 4 * lda);
        FloatVector r5 = FloatVector.fromArray(SPECIES, a, src + 5 * lda);
        FloatVector r6 = FloatVector.fromArray(SPECIES, a, src + 6 * lda);
        FloatVector r7 = FloatVector.fromArray(SPECIES, a, src + 7 * lda);
        FloatVector p01 = r0.rearrange(SINGLES_LOWER, r1);
        FloatVector q01 = r0.rearrange(SINGLES_UPPER, r1);
        FloatVector p23 = r2.rearrange(SINGLES_LOWER, r3);
        FloatVector q23 = r2.rearrange(SINGLES_UPPER, r3);
        FloatVector p45 = r4.rearrange(SINGLES_LOWER, r5);
        FloatVector q45 = r4.rearrange(SINGLES_UPPER, r5);
        FloatVector p67 = r6.rearrange(SINGLES_LOWER, r7);
        FloatVector q67 = r6.rearrange(SINGLES_UPPER, r7);
        FloatVector low0 = p01.rearrange(PAIRS_LOWER, p23);
        FloatVector low1 = p01.rearrange(PAIRS_UPPER, p23);
        FloatVector low2 = q01.rearrange(PAIRS_LOWER, q23);
        FloatVector low3 = q01.rearrange(PAIRS_UPPER, q23);
        FloatVector high0 = p45.rearrange(PAIRS_LOWER, p67);
        FloatVector high1 = p45.rearrange(PAIRS_UPPER, p67);
        FloatVector high2 = q45.rearrange(PAIRS_LOWER, q67);
        FloatVector high3 = q45.rearrange(PAIRS_UPPER, q67);
        FloatVector k0 = low0.rearrange(FOURS_LOWER, high0);
        FloatVector k1 = low0.rearrange(FOURS_UPPER, high0);
        FloatVector k2 = low1.rearrange(FOURS_LOWER, high1);
        FloatVector k3 = low1.rearrange(FOURS_UPPER, high1);
        FloatVector k4 = low2.rearrange(FOURS_LOWER, high2);
        FloatVector k5 = low2.rearrange(FOURS_UPPER, high2);
        FloatVector k6 = low3.rearrange(FOURS_LOWER, high3);
        FloatVector k7 = low3.rearrange(FOURS_UPPER, high3);
        if (LANES == 8 || stride == 8) {
            int step = LANES / 8 * stride;
            k0.intoArray(packed, o);
            k1.intoArray(packed, o + step);
            k2.intoArray(packed, o + 2 * step);
            k3.intoArray(packed, o + 3 * step);
            k4.intoArray(packed, o + 4 * step);
            k5.intoArray(packed, o + 5 * step);
            k6.intoArray(packed, o + 6 * step);
            k7.intoArray(packed, o + 7 * step);
        } else {
            k0.intoArray(packed, o, FIRST_EIGHT);
            k0.intoArray(packed, o + stride - 8, SECOND_EIGHT);
            k1.intoArray(packed, o + 2 * stride, FIRST_EIGHT);
            k1.intoArray(packed, o + 3 * stride - 8, SECOND_EIGHT);
            k2.intoArray(packed, o + 4 * stride, FIRST_EIGHT);
            k2.intoArray(packed, o + 5 * stride - 8, SECOND_EIGHT);
            k3.intoArray(packed, o + 6 * stride, FIRST_EIGHT);
            k3.intoArray(packed, o + 7 * stride - 8, SECOND_EIGHT);
            k4.intoArray(packed, o + 8 * stride, FIRST_EIGHT);
            k4.intoArray(packed, o + 9 * stride - 8, SECOND_EIGHT);
            k5.intoArray(packed, o + 10 * stride, FIRST_EIGHT);
            k5.intoArray(packed, o + 11 * stride - 8, SECOND_EIGHT);
            k6.intoArray(packed, o + 12 * stride, FIRST_EIGHT);
            k6.intoArray(packed, o + 13 * stride - 8, SECOND_EIGHT);
            k7.intoArray(packed, o + 14 * stride, FIRST_EIGHT);
            k7.intoArray(packed, o + 15 * stride - 8, SECOND_EIGHT);
        }
    }

    /**
     * A two-source permute (for {@code x.rearrange(shuffle, y)}) that takes runs of {@code run}
     * lanes alternately from x and y, starting in their lower ({@code half = 0}) or upper
     * ({@code half = 1}) half; a negative index picks a lane of y.
     */
    private static VectorShuffle<Float> zip(int run, int half) {
        int[] index = new int[LANES];
        for (int i = 0; i < LANES; i++) {
            int lane = half * LANES / 2 + i / (2 * run) * run + i % run;
            index[i] = i % (2 * run) < run ? lane : lane - LANES;
        }
        return VectorShuffle.fromArray(SPECIES, index, 0);
    }

    /**
     * {@code a[src … src+kc]} to every {@code mr}-th element of {@code packed} from {@code o}. The
     * stride is written as a constant in each loop: in a variable it cost 8% of a 256³ product.
     */
    private static void interleave(float[] a, int src, float[] packed, int o, int kc, int mr) {
        if (mr == 3) {
            for (int q = 0; q < kc; q++) {
                packed[o + 3 * q] = a[src + q];
            }
        } else if (mr == 8) {
            for (int q = 0; q < kc; q++) {
                packed[o + 8 * q] = a[src + q];
            }
        } else {
            for (int q = 0; q < kc; q++) {
                packed[o + 4 * q] = a[src + q];
            }
        }
    }
}
