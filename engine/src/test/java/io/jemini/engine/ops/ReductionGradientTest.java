package io.jemini.engine.ops;

import static io.jemini.engine.testing.GradCheck.randn;

import io.jemini.engine.random.Rng;
import io.jemini.engine.testing.DArray;
import io.jemini.engine.testing.GradCheck;
import io.jemini.engine.testing.Reference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReductionGradientTest {
    static Stream<Arguments> axes() {
        return IntStream.of(0, 1, 2, -1).boxed().flatMap(a -> Stream.of(Arguments.of(a, true), Arguments.of(a, false)));
    }

    @ParameterizedTest(name = "axis {0} keepDim {1}")
    @MethodSource("axes")
    void axisReductions(int axis, boolean keep) {
        DArray x = randn(new Rng(10 + axis), 2, 3, 4);
        GradCheck.of("sum", x).run(t -> t[0].sum(axis, keep), d -> Reference.reduce(d[0], axis, keep, "sum"));
        GradCheck.of("mean", x).run(t -> t[0].mean(axis, keep), d -> Reference.reduce(d[0], axis, keep, "mean"));
        GradCheck.of("max", x).run(t -> t[0].max(axis, keep), d -> Reference.reduce(d[0], axis, keep, "max"));
        GradCheck.of("min", x).run(t -> t[0].min(axis, keep), d -> Reference.reduce(d[0], axis, keep, "min"));
    }

    @Test
    void sizeOneAxis() {
        DArray x = randn(new Rng(3), 3, 1, 2);
        GradCheck.of("sum over size-1", x).run(t -> t[0].sum(1, false), d -> Reference.reduce(d[0], 1, false, "sum"));
        GradCheck.of("max over size-1", x).run(t -> t[0].max(1, true), d -> Reference.reduce(d[0], 1, true, "max"));
    }

    @Test
    void totals() {
        DArray x = randn(new Rng(4), 5, 7);
        GradCheck.of("sumAll", x).run(t -> t[0].sum(),
                d -> new DArray(new double[] {Reference.total(d[0])}, new int[0]));
        GradCheck.of("meanAll", x).run(t -> t[0].mean(),
                d -> new DArray(new double[] {Reference.total(d[0]) / 35}, new int[0]));
    }

    @Test
    void severalAxes() {
        DArray x = randn(new Rng(6), 2, 3, 4);
        GradCheck.of("sum over (2, 0)", x).run(t -> Reductions.sum(t[0], new int[] {2, 0}, false),
                d -> Reference.reduce(Reference.reduce(d[0], 2, false, "sum"), 0, false, "sum"));
    }
}
