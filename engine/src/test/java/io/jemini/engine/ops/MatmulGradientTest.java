package io.jemini.engine.ops;

import static io.jemini.engine.testing.GradCheck.randn;

import io.jemini.engine.random.Rng;
import io.jemini.engine.testing.DArray;
import io.jemini.engine.testing.GradCheck;
import io.jemini.engine.testing.Reference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MatmulGradientTest {
    static Stream<Arguments> cases() {
        return Stream.of(false, true).flatMap(ta -> Stream.of(false, true).flatMap(tb -> Stream.of(
                Arguments.of("2-d small", new int[0], 3, 4, 5, ta, tb, false),
                Arguments.of("2-d tuned path", new int[0], 13, 21, 19, ta, tb, false),
                Arguments.of("batched", new int[] {2, 3}, 3, 5, 4, ta, tb, false),
                Arguments.of("batched tuned", new int[] {2}, 14, 17, 18, ta, tb, false),
                Arguments.of("shared weight", new int[] {2, 3}, 3, 4, 5, ta, tb, true),
                Arguments.of("shared weight tuned", new int[] {3}, 11, 16, 20, ta, tb, true),
                Arguments.of("size-1 dims", new int[] {1}, 1, 1, 3, ta, tb, false))));
    }

    @ParameterizedTest(name = "{0} transA={4} transB={5}")
    @MethodSource("cases")
    void matmul(String name, int[] batch, int m, int k, int n, boolean ta, boolean tb, boolean shared) {
        Rng rng = new Rng(m * 1000L + k * 10 + n);
        DArray a = randn(rng, shape(batch, ta ? k : m, ta ? m : k));
        DArray b = randn(rng, shape(shared ? new int[0] : batch, tb ? n : k, tb ? k : n));
        GradCheck.of(name, a, b).tolerances(1e-5, 1e-3).run(t -> LinearAlgebra.matmul(t[0], t[1], ta, tb),
                d -> Reference.matmul(d[0], d[1], ta, tb));
    }

    private static int[] shape(int[] batch, int r, int c) {
        int[] s = new int[batch.length + 2];
        System.arraycopy(batch, 0, s, 0, batch.length);
        s[batch.length] = r;
        s[batch.length + 1] = c;
        return s;
    }
}
