package io.jemini.engine.ops;

import static io.jemini.engine.testing.GradCheck.awayFromZero;
import static io.jemini.engine.testing.GradCheck.randn;

import io.jemini.engine.random.Rng;
import io.jemini.engine.testing.DArray;
import io.jemini.engine.testing.GradCheck;
import io.jemini.engine.testing.Reference;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Gradient checks on randomly drawn shapes: ranks 0–4, sizes 1–4, random broadcast patterns. */
class RandomShapeGradientTest {
    static Stream<Long> seeds() {
        return IntStream.range(0, 25).mapToObj(i -> 1000L + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void broadcastingArithmetic(long seed) {
        Rng rng = new Rng(seed);
        int[] full = randomShape(rng, 4);
        int[] a = broadcastable(rng, full);
        int[] b = broadcastable(rng, full);
        String name = Arrays.toString(a) + " op " + Arrays.toString(b);
        DArray x = randn(rng, a);
        DArray y = randn(rng, b);
        GradCheck.of("add " + name, x, y).run(t -> t[0].add(t[1]), d -> Reference.binary(d[0], d[1], Double::sum));
        GradCheck.of("sub " + name, x, y).run(t -> t[0].sub(t[1]), d -> Reference.binary(d[0], d[1], (p, q) -> p - q));
        GradCheck.of("mul " + name, x, y).run(t -> t[0].mul(t[1]), d -> Reference.binary(d[0], d[1], (p, q) -> p * q));
        DArray safe = awayFromZero(rng, 0.5, 2.0, false, b);
        GradCheck.of("div " + name, x, safe).run(t -> t[0].div(t[1]), d -> Reference.binary(d[0], d[1], (p, q) -> p / q));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void reductionsAndSoftmaxOnRandomAxes(long seed) {
        Rng rng = new Rng(seed);
        int[] shape = randomShape(rng, 4);
        if (shape.length == 0) {
            shape = new int[] {3};
        }
        int axis = rng.nextInt(shape.length) - (rng.nextInt(2) == 0 ? shape.length : 0);
        boolean keep = rng.nextInt(2) == 0;
        DArray x = randn(rng, shape);
        String name = Arrays.toString(shape) + " axis " + axis;
        GradCheck.of("sum " + name, x).run(t -> t[0].sum(axis, keep), d -> Reference.reduce(d[0], axis, keep, "sum"));
        GradCheck.of("max " + name, x).run(t -> t[0].max(axis, keep), d -> Reference.reduce(d[0], axis, keep, "max"));
        GradCheck.of("softmax " + name, x).run(t -> t[0].softmax(axis), d -> Reference.softmaxLike(d[0], axis, "softmax"));
    }

    private static int[] randomShape(Rng rng, int maxRank) {
        int[] s = new int[rng.nextInt(maxRank + 1)];
        for (int i = 0; i < s.length; i++) {
            s[i] = 1 + rng.nextInt(4);
        }
        return s;
    }

    /** {@code full} with some leading dimensions dropped and some others set to 1. */
    private static int[] broadcastable(Rng rng, int[] full) {
        int drop = full.length == 0 ? 0 : rng.nextInt(full.length + 1);
        int[] s = Arrays.copyOfRange(full, drop, full.length);
        for (int i = 0; i < s.length; i++) {
            if (rng.nextInt(3) == 0) {
                s[i] = 1;
            }
        }
        return s;
    }
}
