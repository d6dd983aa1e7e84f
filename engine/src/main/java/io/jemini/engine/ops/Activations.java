package io.jemini.engine.ops;

import io.jemini.engine.device.DeviceRuntime;
import io.jemini.engine.launch.Parallel;
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
        return Pointwise.map("gelu", x, Activations::geluForward, Activations::geluBackward, false);
    }

    /** GELU with the tanh approximation ({@code approximate='tanh'} in PyTorch). */
    public static Tensor geluTanh(Tensor x) {
        return Pointwise.map("gelu_tanh", x, UnaryLaunch::geluTanh, UnaryLaunch::geluTanhBackward, false);
    }

    /** SiLU, {@code x·σ(x)}: on the JVM backend the Vector API kernels, which keep the portable kernels' bits. */
    public static Tensor silu(Tensor x) {
        return Pointwise.map("silu", x, Activations::siluForward, Activations::siluBackward, false);
    }

    private static void geluForward(int count, int costPerItem, float[] x, float[] y) {
        if (DeviceRuntime.current() == null) {
            Parallel.run(count, costPerItem, (lo, hi) -> VectorGelu.forward(x, y, lo, hi));
        } else {
            UnaryLaunch.gelu(count, costPerItem, x, y);
        }
    }

    private static void geluBackward(int count, int costPerItem, float[] x, float[] dy, float[] dx) {
        if (DeviceRuntime.current() == null) {
            Parallel.run(count, costPerItem, (lo, hi) -> VectorGelu.backward(x, dy, dx, lo, hi));
        } else {
            UnaryLaunch.geluBackward(count, costPerItem, x, dy, dx);
        }
    }

    private static void siluForward(int count, int costPerItem, float[] x, float[] y) {
        if (DeviceRuntime.current() == null) {
            Parallel.run(count, costPerItem, (lo, hi) -> VectorSilu.forward(x, y, lo, hi));
        } else {
            UnaryLaunch.silu(count, costPerItem, x, y);
        }
    }

    private static void siluBackward(int count, int costPerItem, float[] x, float[] dy, float[] dx) {
        if (DeviceRuntime.current() == null) {
            Parallel.run(count, costPerItem, (lo, hi) -> VectorSilu.backward(x, dy, dx, lo, hi));
        } else {
            UnaryLaunch.siluBackward(count, costPerItem, x, dy, dx);
        }
    }
}
