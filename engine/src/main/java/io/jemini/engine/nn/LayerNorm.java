package io.jemini.engine.nn;

import io.jemini.engine.ops.Normalization;
import io.jemini.engine.tensor.Tensor;

/** LayerNorm over the last dimension with a learned scale (ones) and shift (zeros). */
public final class LayerNorm extends Module implements Norm {
    private final Tensor weight;
    private final Tensor bias;
    private final float eps;

    public LayerNorm(int dim, float eps) {
        this.weight = parameter("weight", Tensor.ones(dim));
        this.bias = parameter("bias", Tensor.zeros(dim));
        this.eps = eps;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Normalization.layerNorm(x, weight, bias, eps);
    }
}
