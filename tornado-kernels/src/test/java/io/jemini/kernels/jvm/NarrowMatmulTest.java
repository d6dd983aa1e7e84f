package io.jemini.kernels.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jemini.kernels.MatmulKernels;
import io.jemini.kernels.backend.JvmBackend;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The narrow kernel gives the reference kernel's bits, for every width it takes, transpose and thread count. */
class NarrowMatmulTest {
    static Stream<Arguments> shapes() {
        int lanes = NarrowMatmul.MAX_COLUMNS / 2;
        int[] widths = {1, 3, lanes - 1, lanes, lanes + 1, NarrowMatmul.MAX_COLUMNS};
        int[][] mk = {{1, 1}, {3, 7}, {4, 0}, {5, 300}, {37, 64}, {403, 129}};
        return IntStream.of(widths).boxed().flatMap(n -> Stream.of(mk)
                .flatMap(s -> Stream.of(0, 1, 2, 3).map(t -> Arguments.of(s[0], n, s[1], t))));
    }

    @ParameterizedTest(name = "m={0} n={1} k={2} transposes={3}")
    @MethodSource("shapes")
    void sameBitsAsTheReferenceKernel(int m, int n, int k, int transposes) {
        boolean ta = (transposes & 1) != 0;
        boolean tb = (transposes & 2) != 0;
        Random rnd = new Random(m * 131L + n * 17 + k * 3 + transposes);
        int lda = (ta ? m : k) + 3;
        int ldb = (tb ? k : n) + 2;
        int ldc = n + 1;
        float[] a = random(rnd, 5 + Math.max(1, ta ? k : m) * lda);
        float[] b = random(rnd, 2 + Math.max(1, tb ? n : k) * ldb);
        float[] c0 = random(rnd, 4 + m * ldc);
        for (boolean accumulate : new boolean[] {false, true}) {
            float[] expected = c0.clone();
            MatmulKernels.gemm(a, 5, lda, ta ? 1 : 0, b, 2, ldb, tb ? 1 : 0, expected, 4, ldc, n, k, accumulate ? 1 : 0, 0, m);
            for (int threads : new int[] {1, 2, 3}) {
                float[] actual = c0.clone();
                try (JvmBackend backend = new JvmBackend(threads)) {
                    NarrowMatmul.product(backend, MatrixProduct.of(a, 5, lda, ta, b, 2, ldb, tb, actual, 4, ldc, m, n, k,
                            accumulate));
                }
                assertArrayEquals(expected, actual, "threads=" + threads + " accumulate=" + accumulate);
            }
        }
    }

    /** C written through row and column steps: here stored transposed, column j at {@code j·m}. */
    @Test
    void writesThroughRowAndColumnSteps() {
        Random rnd = new Random(9);
        int m = 50;
        int n = 6;
        int k = 40;
        float[] a = random(rnd, m * k);
        float[] b = random(rnd, k * n);
        float[] expected = new float[m * n];
        MatmulKernels.gemm(a, 0, k, 0, b, 0, n, 0, expected, 0, n, n, k, 0, 0, m);
        float[] transposed = new float[m * n];
        try (JvmBackend backend = new JvmBackend(2)) {
            NarrowMatmul.product(backend, new MatrixProduct(a, 0, k, false, b, 0, n, false, transposed, 0, 1, m, m, n, k,
                    false));
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(expected[i * n + j], transposed[j * m + i], "element " + i + "," + j);
            }
        }
    }

    @Test
    void refusesAProductWiderThanTwoVectors() {
        int n = NarrowMatmul.MAX_COLUMNS + 1;
        MatrixProduct wide = MatrixProduct.of(new float[n], 0, 1, false, new float[n], 0, n, false, new float[n], 0, n, 1,
                n, 1, false);
        try (JvmBackend backend = new JvmBackend(1)) {
            assertThrows(IllegalArgumentException.class, () -> NarrowMatmul.product(backend, wide));
        }
    }

    private static float[] random(Random rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextFloat() * 2 - 1;
        }
        return x;
    }
}
