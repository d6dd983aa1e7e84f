package io.jemini.engine.nn;

import io.jemini.engine.ops.LinearAlgebra;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;

/**
 * {@code y = x · Wᵀ + b} with {@code weight [out, in]} as in PyTorch, initialised uniformly in
 * {@code ±1/sqrt(in)} (PyTorch's default bound).
 */
public final class Linear extends Module {
    private final Tensor weight;
    private final Tensor bias;

    public Linear(int in, int out, boolean bias, Rng rng) {
        float bound = (float) (1.0 / Math.sqrt(in));
        this.weight = parameter("weight", Tensor.uniform(rng, -bound, bound, out, in));
        this.bias = bias ? parameter("bias", Tensor.uniform(rng, -bound, bound, out)) : null;
    }

    public Tensor weight() {
        return weight;
    }

    public Tensor forward(Tensor x) {
        Tensor y = LinearAlgebra.matmul(x, weight, false, true);
        return bias == null ? y : y.add(bias);
    }
}
