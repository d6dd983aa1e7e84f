package io.jemini.engine.ops;

import io.jemini.engine.launch.UnaryLaunch;
import io.jemini.engine.tensor.Tensor;
import io.jemini.kernels.jvm.VectorGelu;
import io.jemini.kernels.jvm.VectorSilu;

/** Activation functions: tanh, sigmoid, ReLU, GELU (exact and tanh approximation), SiLU. */
public final class Activations {
    private Activations() {
    }

    public static Tensor tanh(Tensor x) {
        return Pointwise.map("tanh", x, UnaryLaunch::tanh, UnaryLaunch::tanhBackward, true);
    }

    public static Tensor sigmoid(Tensor x) {
        return Pointwise.map("sigmoid", x, UnaryLaunch::sigmoid, UnaryLaunch::sigmoidBackward, true);
    }

    public static Tensor relu(Tensor x) {
        return Pointwise.map("relu", x, UnaryLaunch::relu, UnaryLaunch::reluBackward, false);
    }

    /** Exact GELU, {@code x * Phi(x)}: on the JVM backend the Vector API kernels, which keep the portable kernels' bits. */
    public static Tensor gelu(Tensor x) {
        return Pointwise.map("gelu", x, Pointwise.onJvm(VectorGelu::forward, UnaryLaunch::gelu),
                Pointwise.onJvm(VectorGelu::backward, UnaryLaunch::geluBackward), false);
    }

    /** GELU with the tanh approximation ({@code approximate='tanh'} in PyTorch). */
    public static Tensor geluTanh(Tensor x) {
        return Pointwise.map("gelu_tanh", x, UnaryLaunch::geluTanh, UnaryLaunch::geluTanhBackward, false);
    }

    /** SiLU, {@code x·σ(x)}: on the JVM backend the Vector API kernels, which keep the portable kernels' bits. */
    public static Tensor silu(Tensor x) {
        return Pointwise.map("silu", x, Pointwise.onJvm(VectorSilu::forward, UnaryLaunch::silu),
                Pointwise.onJvm(VectorSilu::backward, UnaryLaunch::siluBackward), false);
    }
}
