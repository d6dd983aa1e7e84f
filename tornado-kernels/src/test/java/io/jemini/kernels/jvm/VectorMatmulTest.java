package io.jemini.kernels.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jemini.kernels.MatmulKernels;
import io.jemini.kernels.backend.JvmBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The tuned matmul against the reference kernel, on shapes that hit every edge of the blocking. */
class VectorMatmulTest {
    static Stream<Arguments> shapes() {
        int[][] sizes = {{1, 1, 1}, {7, 5, 3}, {6, 16, 256}, {97, 33, 300}, {13, 70, 257}, {128, 128, 128}, {5, 200, 9},
            {40, 30, 1100}, {64, 64, 1537}, {500, 100, 700}, {97, 48, 1025}, {65, 64, 1025}};
        return Stream.of(sizes).flatMap(s -> Stream.of(0, 1, 2, 3).map(t -> Arguments.of(s[0], s[1], s[2], t)));
    }

    @ParameterizedTest(name = "m={0} n={1} k={2} transposes={3}")
    @MethodSource("shapes")
    void matchesReference(int m, int n, int k, int transposes) {
        boolean ta = (transposes & 1) != 0;
        boolean tb = (transposes & 2) != 0;
        Random rnd = new Random(m * 31L + n * 7 + k);
        int lda = (ta ? m : k) + 3;
        int ldb = (tb ? k : n) + 1;
        int ldc = n + 2;
        int aOff = 5;
        int bOff = 2;
        int cOff = 4;
        float[] a = random(rnd, aOff + (ta ? k : m) * lda);
        float[] b = random(rnd, bOff + (tb ? n : k) * ldb);
        float[] c0 = random(rnd, cOff + m * ldc);
        for (boolean accumulate : new boolean[] {false, true}) {
            float[] expected = c0.clone();
            MatmulKernels.gemm(a, aOff, lda, ta ? 1 : 0, b, bOff, ldb, tb ? 1 : 0, expected, cOff, ldc, n, k,
                    accumulate ? 1 : 0, 0, m);
            try (JvmBackend backend = new JvmBackend(2)) {
                float[] actual = c0.clone();
                VectorMatmul.gemm(backend, a, aOff, lda, ta, b, bOff, ldb, tb, actual, cOff, ldc, m, n, k, accumulate);
                for (int i = 0; i < actual.length; i++) {
                    boolean inC = i >= cOff && (i - cOff) % ldc < n && (i - cOff) / ldc < m;
                    float tol = inC ? 1e-4f * (float) Math.sqrt(k) : 0f;
                    assertEquals(expected[i], actual[i], tol, "element " + i + (inC ? "" : " outside C was touched"));
                }
            }
        }
    }

    /**
     * Large, small (run on the calling thread) and short-and-narrow products (k blocks in
     * parallel with a single thread's result when there is one thread) give the same bits for
     * any thread count and either register tile (each computes every element with the same
     * arithmetic), with and without accumulation, as {@link VectorMatmul#gemm} gives on one thread.
     */
    @ParameterizedTest(name = "m={0} n={1} k={2} transA={3}")
    @MethodSource("threadShapes")
    void bitIdenticalForAnyThreadCountAndTile(int m, int n, int k, boolean transA) {
        Random rnd = new Random(3);
        float[] a = random(rnd, m * k);
        float[] b = random(rnd, k * n);
        float[] c0 = random(rnd, m * n);
        int lda = transA ? m : k;
        for (boolean accumulate : new boolean[] {false, true}) {
            float[] expected = c0.clone();
            try (JvmBackend backend = new JvmBackend(1)) {
                VectorMatmul.gemm(backend, a, 0, lda, transA, b, 0, n, false, expected, 0, n, m, n, k, accumulate);
            }
            for (int threads : new int[] {1, 2, 3, 8}) {
                for (Tile tile : Tile.values()) {
                    float[] c = c0.clone();
                    try (JvmBackend backend = new JvmBackend(threads)) {
                        VectorMatmul.product(backend, MatrixProduct.of(a, 0, lda, transA, b, 0, n, false, c, 0, n, m, n, k,
                                accumulate), tile);
                    }
                    assertArrayEquals(expected, c, tile + " threads=" + threads + " accumulate=" + accumulate);
                }
            }
        }
    }

    static Stream<Arguments> threadShapes() {
        return Stream.of(Arguments.of(200, 150, 600, false), Arguments.of(64, 64, 2048, true), Arguments.of(33, 70, 1300, true),
                Arguments.of(16, 16, 64, false), Arguments.of(500, 100, 700, true),
                Arguments.of(70, 33, 1300, true), Arguments.of(64, 64, 1024, true), Arguments.of(130, 128, 600, false));
    }

    @Test
    void tileFollowsThePaddedAreaOnEightFloatVectors() {
        assertEquals(Tile.FOUR_ROWS, Tile.forShape(64, 64, 8), "64 columns pad to 72 in three-vector panels");
        assertEquals(Tile.FOUR_ROWS, Tile.forShape(128, 128, 8));
        assertEquals(Tile.THREE_ROWS, Tile.forShape(480, 480, 8), "neither tile pads 480x480");
        assertEquals(Tile.THREE_ROWS, Tile.forShape(1024, 1024, 8));
        assertEquals(Tile.FOUR_ROWS, Tile.forShape(128, 352, 8), "three-row tiles pad 128x352 to 129x360, 3.1%");
        assertEquals(Tile.THREE_ROWS, Tile.forShape(2048, 2048, 8), "three-row tiles pad 2048x2048 by 0.8%");
        assertEquals(Tile.THREE_ROWS, Tile.forShape(2048, 384, 8));
    }

    @Test
    void tileFollowsThePaddedAreaOnSixteenFloatVectors() {
        assertEquals(Tile.EIGHT_ROWS, Tile.forShape(2048, 2048, 16));
        assertEquals(Tile.EIGHT_ROWS, Tile.forShape(128, 352, 16), "352 is eleven two-vector panels");
        assertEquals(Tile.EIGHT_ROWS, Tile.forShape(64, 64, 16));
        assertEquals(Tile.FOUR_ROWS, Tile.forShape(12, 2048, 16), "eight-row tiles pad 12 rows to 16");
        assertEquals(Tile.THREE_ROWS, Tile.forShape(2048, 48, 16), "two-vector panels pad 48 columns to 64");
        assertEquals(Tile.EIGHT_ROWS, Tile.forShape(2048, 96, 16), "96 is three two-vector panels");
    }

    /**
     * A batch of products of unequal sizes, every transpose, an empty k and an empty C, some
     * accumulating, all writing slices of one output, with more packed B than the batch holds at
     * once (the last four, 2.4M floats each, so it runs in groups): each slice gets the bits the
     * product alone gives it, with 1, 2 and 3 threads.
     */
    @Test
    void batchGivesEachProductItsOwnBits() {
        int[][] shapes = {{300, 200, 100}, {97, 33, 1100}, {5, 300, 64}, {130, 70, 520}, {48, 24, 0}, {0, 8, 8},
            {1, 1, 1}, {256, 128, 300}, {8, 2048, 1100}, {12, 2048, 1100}, {8, 2048, 1100}, {3, 2048, 1100}};
        Random rnd = new Random(11);
        int total = 0;
        for (int[] s : shapes) {
            total += s[0] * s[1];
        }
        float[] c0 = random(rnd, total);
        List<float[]> operands = new ArrayList<>();
        for (int[] s : shapes) {
            operands.add(random(rnd, s[0] * s[2]));
            operands.add(random(rnd, s[2] * s[1]));
        }
        Function<float[], List<MatrixProduct>> productsInto = c -> {
            List<MatrixProduct> products = new ArrayList<>();
            int cOff = 0;
            for (int q = 0; q < shapes.length; q++) {
                int m = shapes[q][0];
                int n = shapes[q][1];
                int k = shapes[q][2];
                boolean ta = (q & 1) != 0;
                boolean tb = (q & 2) != 0;
                products.add(MatrixProduct.of(operands.get(2 * q), 0, ta ? m : k, ta, operands.get(2 * q + 1), 0, tb ? k : n,
                        tb, c, cOff, n, m, n, k, q % 3 == 0));
                cOff += m * n;
            }
            return products;
        };
        float[] expected = c0.clone();
        try (JvmBackend backend = new JvmBackend(2)) {
            productsInto.apply(expected).forEach(p -> VectorMatmul.product(backend, p));
        }
        for (int threads : new int[] {1, 2, 3}) {
            float[] actual = c0.clone();
            try (JvmBackend backend = new JvmBackend(threads)) {
                VectorMatmul.products(backend, productsInto.apply(actual));
            }
            assertArrayEquals(expected, actual, "threads=" + threads);
        }
    }

    private static float[] random(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return x;
    }
}
