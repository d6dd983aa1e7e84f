package io.jemini.engine.nn;

import io.jemini.engine.ops.Normalization;
import io.jemini.engine.tensor.Tensor;

/** RMSNorm over the last dimension with a learned scale initialised to ones. */
public final class RMSNorm extends Module implements Norm {
    private final Tensor weight;
    private final float eps;

    public RMSNorm(int dim, float eps) {
        this.weight = parameter("weight", Tensor.ones(dim));
        this.eps = eps;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Normalization.rmsNorm(x, weight, eps);
    }
}
