package io.jemini.kernels.jvm;

/**
 * The two register tiles of {@link MicroKernel}: three rows by three vectors, the faster on C
 * that fits it, and four rows by two vectors, which wastes no columns on C whose width is a
 * multiple of two vectors but not of three (64 or 128 wide, the weight gradients of small models).
 * Which tile computes a product does not change its bits: each element sums over k in the same order.
 */
enum Tile {
    THREE_ROWS(3, 3),
    FOUR_ROWS(4, 2);

    /**
     * How much more padded area the three-row tile must compute before the four-row tile takes
     * over. In whole products, paired, the two ran level where neither pads (0.98–1.04× from 384³
     * to 1536²·512), the four-row tile won from 2.3% more padding on (1.04–1.15×: 256³, 2048×160,
     * the 128×352 and 1024×352 weight gradients; level on 2048×352) and lost below 1% (0.91–0.99×
     * on 2048²·128); only 512³, at 3.3%, went the other way (0.99×).
     */
    private static final double FOUR_ROWS_COST = 1.02;
    /** Rows of the tile: the rows of A interleaved in one packed micro-panel. */
    final int mr;
    /** Columns of the tile, in floats: the width of one packed panel of B. */
    final int nr;

    Tile(int rows, int vectors) {
        this.mr = rows;
        this.nr = vectors * MicroKernel.LANES;
    }

    /** The tile that computes an {@code m×n} C in the least time: the smaller padded area, weighted by speed. */
    static Tile forShape(int m, int n) {
        return THREE_ROWS.padded(m, n) > FOUR_ROWS_COST * FOUR_ROWS.padded(m, n) ? FOUR_ROWS : THREE_ROWS;
    }

    /** The area of an {@code m×n} C rounded up to whole tiles. */
    private double padded(int m, int n) {
        return (double) ((m + mr - 1) / mr * mr) * ((n + nr - 1) / nr * nr);
    }

    /** {@code rows} rounded up to whole micro-panels of A. */
    int wholeRows(int rows) {
        return (rows + mr - 1) / mr * mr;
    }

    /** Panels of B (and tile columns of C) across {@code n} columns. */
    int panels(int n) {
        return (n + nr - 1) / nr;
    }
}
