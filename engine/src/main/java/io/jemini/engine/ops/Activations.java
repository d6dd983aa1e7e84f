package io.jemini.engine.ops;

import io.jemini.engine.tensor.Tensor;
import io.jemini.kernels.UnaryKernels;

/** Activation functions: tanh, sigmoid, ReLU, GELU (exact and tanh approximation), SiLU. */
public final class Activations {
    private Activations() {
    }

    public static Tensor tanh(Tensor x) {
        return Pointwise.map("tanh", x, UnaryKernels::tanh, UnaryKernels::tanhBackward, true);
    }

    public static Tensor sigmoid(Tensor x) {
        return Pointwise.map("sigmoid", x, UnaryKernels::sigmoid, UnaryKernels::sigmoidBackward, true);
    }

    public static Tensor relu(Tensor x) {
        return Pointwise.map("relu", x, UnaryKernels::relu, UnaryKernels::reluBackward, false);
    }

    /** Exact GELU, {@code x * Phi(x)}. */
    public static Tensor gelu(Tensor x) {
        return Pointwise.map("gelu", x, UnaryKernels::gelu, UnaryKernels::geluBackward, false);
    }

    /** GELU with the tanh approximation ({@code approximate='tanh'} in PyTorch). */
    public static Tensor geluTanh(Tensor x) {
        return Pointwise.map("gelu_tanh", x, UnaryKernels::geluTanh, UnaryKernels::geluTanhBackward, false);
    }

    public static Tensor silu(Tensor x) {
        return Pointwise.map("silu", x, UnaryKernels::silu, UnaryKernels::siluBackward, false);
    }
}
