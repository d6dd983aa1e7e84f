package io.jemini.engine.ops;

import io.jemini.engine.autograd.Graph;
import io.jemini.engine.tensor.ShapeException;
import io.jemini.engine.tensor.Tensor;
import io.jemini.kernels.NormKernels;

/** LayerNorm, RMSNorm and L2 normalisation over the last dimension. */
public final class Normalization {
    private Normalization() {
    }

    /** {@code (x - mean) / sqrt(var + eps) * weight + bias}, biased variance, as PyTorch. */
    public static Tensor layerNorm(Tensor x, Tensor weight, Tensor bias, float eps) {
        int d = lastDim("layer_norm", x, weight);
        if (bias.rank() != 1 || bias.dim(0) != d) {
            throw new ShapeException("layer_norm: bias shape " + bias.shape() + " must be [" + d + "]");
        }
        int rows = x.numel() / d;
        Tensor y = Tensor.zeros(x.shape());
        float[] mean = new float[rows];
        float[] rstd = new float[rows];
        Parallel.run(rows, 4 * d, (lo, hi) ->
                NormKernels.layerNorm(x.data(), weight.data(), bias.data(), y.data(), mean, rstd, d, eps, lo, hi));
        return Graph.record("layer_norm", y, new Tensor[] {x, weight, bias}, g -> {
            if (x.requiresGrad()) {
                Parallel.run(rows, 4 * d, (lo, hi) ->
                        NormKernels.layerNormBackward(x.data(), weight.data(), mean, rstd, g, x.gradBuffer(), d, lo, hi));
            }
            if (weight.requiresGrad() || bias.requiresGrad()) {
                float[] dw = weight.requiresGrad() ? weight.gradBuffer() : new float[d];
                float[] db = bias.requiresGrad() ? bias.gradBuffer() : new float[d];
                Parallel.run(d, 3 * rows, (lo, hi) ->
                        NormKernels.layerNormParamBackward(x.data(), mean, rstd, g, dw, db, rows, d, lo, hi));
            }
        }, x, weight);
    }

    /** {@code x / sqrt(mean(x^2) + eps) * weight}. */
    public static Tensor rmsNorm(Tensor x, Tensor weight, float eps) {
        int d = lastDim("rms_norm", x, weight);
        int rows = x.numel() / d;
        Tensor y = Tensor.zeros(x.shape());
        float[] rstd = new float[rows];
        Parallel.run(rows, 3 * d, (lo, hi) -> NormKernels.rmsNorm(x.data(), weight.data(), y.data(), rstd, d, eps, lo, hi));
        return Graph.record("rms_norm", y, new Tensor[] {x, weight}, g -> {
            if (x.requiresGrad()) {
                Parallel.run(rows, 4 * d, (lo, hi) ->
                        NormKernels.rmsNormBackward(x.data(), weight.data(), rstd, g, x.gradBuffer(), d, lo, hi));
            }
            if (weight.requiresGrad()) {
                Parallel.run(d, 2 * rows, (lo, hi) ->
                        NormKernels.rmsNormParamBackward(x.data(), rstd, g, weight.gradBuffer(), rows, d, lo, hi));
            }
        }, x, weight);
    }

    /** {@code x / max(||x||_2, eps)} over the last dimension ({@code F.normalize(x, dim=-1)}). */
    public static Tensor normalize(Tensor x, float eps) {
        if (x.rank() < 1) {
            throw new ShapeException("normalize: input must have at least one dimension, got " + x.shape());
        }
        int d = x.dim(-1);
        int rows = d == 0 ? 0 : x.numel() / d;
        Tensor y = Tensor.zeros(x.shape());
        float[] norm = new float[rows];
        Parallel.run(rows, 3 * d, (lo, hi) -> NormKernels.l2Normalize(x.data(), y.data(), norm, d, eps, lo, hi));
        return Graph.record("normalize", y, new Tensor[] {x}, g -> Parallel.run(rows, 3 * d,
                (lo, hi) -> NormKernels.l2NormalizeBackward(y.data(), norm, g, x.gradBuffer(), d, eps, lo, hi)), y);
    }

    private static int lastDim(String op, Tensor x, Tensor weight) {
        if (x.rank() < 1 || weight.rank() != 1 || weight.dim(0) != x.dim(-1)) {
            throw new ShapeException(op + ": weight shape " + weight.shape() + " must be [d] where d is the last dimension of "
                    + x.shape());
        }
        return x.dim(-1);
    }
}
