package io.jemini.kernels.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.kernels.IndexKernels;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The row-run index_select against the portable kernel, bit for bit, over ranges that cut rows anywhere. */
class IndexRowsTest {
    static Stream<Arguments> shapes() {
        return Stream.of(Arguments.of(1, 10, 7, 256), Arguments.of(3, 5, 9, 4), Arguments.of(2, 6, 6, 1),
                Arguments.of(4, 1, 3, 33), Arguments.of(1, 40, 120, 17));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void selectMatchesTheReference(int outer, int r, int n, int inner) {
        Random rnd = new Random(outer * 31 + n);
        float[] x = random(rnd, outer * r * inner);
        int[] idx = indexes(rnd, n, r);
        int count = outer * n * inner;
        float[] expected = new float[count];
        IndexKernels.indexSelect(x, idx, expected, r, n, inner, 0, count);
        float[] actual = new float[count];
        for (int[] range : ranges(rnd, count)) {
            IndexRows.select(x, idx, actual, r, n, inner, range[0], range[1]);
        }
        assertArrayEquals(expected, actual);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void selectWritesOnlyItsRange(int outer, int r, int n, int inner) {
        Random rnd = new Random(n);
        float[] x = random(rnd, outer * r * inner);
        int[] idx = indexes(rnd, n, r);
        int count = outer * n * inner;
        int lo = count / 3;
        int hi = count - count / 4;
        float[] out = new float[count];
        java.util.Arrays.fill(out, Float.NaN);
        IndexRows.select(x, idx, out, r, n, inner, lo, hi);
        for (int p = 0; p < count; p++) {
            if (p < lo || p >= hi) {
                assertTrue(Float.isNaN(out[p]), "element " + p + " outside [" + lo + ", " + hi + ") was written");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void backwardMatchesTheReference(int outer, int r, int n, int inner) {
        Random rnd = new Random(outer * 17 + inner);
        float[] g = random(rnd, outer * n * inner);
        int[] idx = indexes(rnd, n, r);
        float[] expected = random(new Random(5), outer * r * inner);
        float[] actual = expected.clone();
        int lines = outer * inner;
        IndexKernels.indexSelectBackward(g, idx, expected, r, n, inner, 0, lines);
        for (int[] range : ranges(rnd, lines)) {
            IndexRows.selectBackward(g, idx, actual, r, n, inner, range[0], range[1]);
        }
        assertArrayEquals(expected, actual);
    }

    /** {@code [0, count)} cut at random points into consecutive ranges, empty ones included. */
    private static int[][] ranges(Random rnd, int count) {
        int cuts = 1 + rnd.nextInt(6);
        int[] at = new int[cuts + 2];
        for (int c = 1; c <= cuts; c++) {
            at[c] = rnd.nextInt(count + 1);
        }
        at[cuts + 1] = count;
        java.util.Arrays.sort(at);
        int[][] ranges = new int[cuts + 1][];
        for (int c = 0; c <= cuts; c++) {
            ranges[c] = new int[] {at[c], at[c + 1]};
        }
        return ranges;
    }

    /** {@code n} indexes below {@code r}, repeats likely (a token routed to two experts). */
    private static int[] indexes(Random rnd, int n, int r) {
        int[] idx = new int[n];
        for (int j = 0; j < n; j++) {
            idx[j] = rnd.nextInt(r);
        }
        return idx;
    }

    private static float[] random(Random rnd, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = rnd.nextFloat() * 2 - 1;
        }
        return v;
    }
}
