package io.jemini.engine.ops;

import static io.jemini.engine.testing.GradCheck.awayFromZero;
import static io.jemini.engine.testing.GradCheck.randn;

import io.jemini.engine.random.Rng;
import io.jemini.engine.testing.DArray;
import io.jemini.engine.testing.GradCheck;
import io.jemini.engine.testing.Reference;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.stream.Stream;
import io.jemini.engine.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ElementwiseGradientTest {
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);

    static Stream<Arguments> unaryOps() {
        Rng rng = new Rng(1);
        DArray any = randn(rng, 3, 5);
        DArray positive = awayFromZero(rng, 0.2, 3.0, true, 4, 3);
        DArray signed = awayFromZero(rng, 0.05, 3.0, false, 2, 3, 4);
        DArray wide = awayFromZero(rng, 0.0, 4.0, false, 1, 17);
        return Stream.of(
                unary("neg", any, Tensor::neg, x -> -x),
                unary("exp", any, Tensor::exp, Math::exp),
                unary("log", positive, Tensor::log, Math::log),
                unary("sqrt", positive, Tensor::sqrt, Math::sqrt),
                unary("pow 2.5", positive, x -> x.pow(2.5f), x -> Math.pow(x, 2.5)),
                unary("pow -1.5", positive, x -> x.pow(-1.5f), x -> Math.pow(x, -1.5)),
                unary("pow 3 on negatives", signed, x -> x.pow(3f), x -> x * x * x),
                unary("abs", signed, Tensor::abs, Math::abs),
                unary("tanh", wide, Tensor::tanh, Math::tanh),
                unary("sigmoid", wide, Tensor::sigmoid, x -> 1 / (1 + Math.exp(-x))),
                unary("relu", signed, Tensor::relu, x -> Math.max(x, 0)),
                unary("gelu", wide, Tensor::gelu, x -> 0.5 * x * (1 + Reference.erf(x / Math.sqrt(2)))),
                unary("gelu tanh", wide, Activations::geluTanh,
                        x -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)))),
                unary("silu", wide, Tensor::silu, x -> x / (1 + Math.exp(-x))),
                unary("affine", any, x -> x.mul(-1.5f).add(0.25f), x -> -1.5 * x + 0.25),
                unary("rank-0 exp", new DArray(new double[] {0.3}, new int[0]), Tensor::exp, Math::exp));
    }

    private static Arguments unary(String name, DArray x, Function<Tensor, Tensor> op, DoubleUnaryOperator ref) {
        return Arguments.of(name, x, op, ref);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unaryOps")
    void unaryGradients(String name, DArray x, Function<Tensor, Tensor> op, DoubleUnaryOperator ref) {
        GradCheck.of(name, x).run(t -> op.apply(t[0]), d -> Reference.map(d[0], ref));
    }

    static Stream<Arguments> broadcastShapes() {
        return Stream.of(
                Arguments.of(new int[] {3, 4}, new int[] {3, 4}),
                Arguments.of(new int[] {3, 4}, new int[] {4}),
                Arguments.of(new int[] {2, 1, 4}, new int[] {3, 1}),
                Arguments.of(new int[] {1}, new int[] {2, 3}),
                Arguments.of(new int[0], new int[] {2, 3}),
                Arguments.of(new int[] {2, 3, 1}, new int[] {1, 1, 5}),
                Arguments.of(new int[] {1, 1}, new int[] {1, 1}),
                Arguments.of(new int[] {4, 1}, new int[] {4, 1}));
    }

    @ParameterizedTest(name = "{0} and {1}")
    @MethodSource("broadcastShapes")
    void broadcastArithmetic(int[] as, int[] bs) {
        Rng rng = new Rng(as.length * 31L + bs.length);
        DArray a = randn(rng, as);
        DArray b = randn(rng, bs);
        DArray bNonZero = awayFromZero(rng, 0.5, 2.0, false, bs);
        GradCheck.of("add", a, b).run(t -> t[0].add(t[1]), d -> Reference.binary(d[0], d[1], Double::sum));
        GradCheck.of("sub", a, b).run(t -> t[0].sub(t[1]), d -> Reference.binary(d[0], d[1], (x, y) -> x - y));
        GradCheck.of("mul", a, b).run(t -> t[0].mul(t[1]), d -> Reference.binary(d[0], d[1], (x, y) -> x * y));
        GradCheck.of("div", a, bNonZero).run(t -> t[0].div(t[1]), d -> Reference.binary(d[0], d[1], (x, y) -> x / y));
        GradCheck.of("reversed mul", b, a).run(t -> t[0].mul(t[1]), d -> Reference.binary(d[0], d[1], (x, y) -> x * y));
    }

    @org.junit.jupiter.api.Test
    void sameTensorUsedTwiceAccumulates() {
        DArray x = randn(new Rng(5), 3, 2);
        GradCheck.of("x*x + x", x).run(t -> t[0].mul(t[0]).add(t[0]), d -> Reference.map(d[0], v -> v * v + v));
    }
}
