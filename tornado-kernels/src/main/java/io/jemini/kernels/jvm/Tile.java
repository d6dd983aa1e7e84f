package io.jemini.kernels.jvm;

/**
 * The register tiles of {@link MicroKernel}. With 8-float vectors (AVX2, 16 vector registers):
 * three rows by three vectors, the faster on C that fits it, and four rows by two vectors, which
 * wastes no columns on C whose width is a multiple of two vectors but not of three (64 or 128
 * wide, the weight gradients of small models). With 16-float vectors (AVX-512, 32 registers):
 * eight rows by two vectors, whose sixteen accumulators AVX2 could not hold. Which tile computes a
 * product does not change its bits: each element sums over k in the same order.
 */
enum Tile {
    THREE_ROWS(3, 3, 32),
    FOUR_ROWS(4, 2, 32),
    EIGHT_ROWS(8, 2, 8);

    /**
     * With 8-float vectors, how much more padded area the three-row tile must compute before the
     * four-row tile takes over. In whole products, paired, the two ran level where neither pads
     * (0.98–1.04× from 384³ to 1536²·512), the four-row tile won from 2.3% more padding on
     * (1.04–1.15×: 256³, 2048×160, the 128×352 and 1024×352 weight gradients; level on 2048×352)
     * and lost below 1% (0.91–0.99× on 2048²·128); only 512³, at 3.3%, went the other way (0.99×).
     */
    private static final double FOUR_ROWS_COST_AVX2 = 1.02;
    /**
     * With 16-float vectors, the time per padded element of the four- and three-row tiles against
     * the eight-row tile's: in whole products, paired, the eight-row tile ran 1.08–1.11× the
     * four-row tile and 1.12–1.20× the three-row tile (which pads them by 0.8–3%) on 1024³, 2048³,
     * 2048²·128 and 4096×2048·512.
     */
    private static final double FOUR_ROWS_COST_AVX512 = 1.1;
    private static final double THREE_ROWS_COST_AVX512 = 1.15;

    /** Rows of the tile: the rows of A interleaved in one packed micro-panel. */
    final int mr;
    /** Vectors across the tile. */
    private final int vectors;
    /** Columns of the tile, in floats: the width of one packed panel of B. */
    final int nr;
    /** Rows of A packed at once, whole micro-panels: their k block stays in L2 while B's panels pass. */
    final int blockRows;

    Tile(int rows, int vectors, int blockPanels) {
        this.mr = rows;
        this.vectors = vectors;
        this.nr = vectors * MicroKernel.LANES;
        this.blockRows = blockPanels * rows;
    }

    /** The tile that computes an {@code m×n} C in the least time on this JVM's vectors. */
    static Tile forShape(int m, int n) {
        return forShape(m, n, MicroKernel.LANES);
    }

    /**
     * The tile that computes an {@code m×n} C in the least time with {@code lanes}-float vectors:
     * the smallest padded area, weighted by the tile's speed.
     */
    static Tile forShape(int m, int n, int lanes) {
        Tile best = null;
        double bestTime = Double.POSITIVE_INFINITY;
        for (Tile tile : values()) {
            double time = tile.cost(lanes) * tile.padded(m, n, lanes);
            if (time < bestTime) {
                best = tile;
                bestTime = time;
            }
        }
        return best;
    }

    /**
     * Time per padded element with {@code lanes}-float vectors, against the fastest tile's;
     * infinite for the eight-row tile on vectors narrower than 16 floats, whose 16 registers
     * (AVX2) its accumulators would spill from.
     */
    private double cost(int lanes) {
        if (lanes >= 16) {
            return switch (this) {
                case EIGHT_ROWS -> 1.0;
                case FOUR_ROWS -> FOUR_ROWS_COST_AVX512;
                case THREE_ROWS -> THREE_ROWS_COST_AVX512;
            };
        }
        return switch (this) {
            case THREE_ROWS -> 1.0;
            case FOUR_ROWS -> FOUR_ROWS_COST_AVX2;
            case EIGHT_ROWS -> Double.POSITIVE_INFINITY;
        };
    }

    /** The area of an {@code m×n} C rounded up to whole tiles of {@code lanes}-float vectors. */
    private double padded(int m, int n, int lanes) {
        int width = vectors * lanes;
        return (double) ((m + mr - 1) / mr * mr) * ((n + width - 1) / width * width);
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
