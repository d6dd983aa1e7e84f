package io.jemini.engine.ops;

import io.jemini.engine.autograd.Graph;
import io.jemini.engine.launch.NormLaunch;
import io.jemini.engine.tensor.ShapeException;
import io.jemini.engine.tensor.Tensor;

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
        NormLaunch.layerNorm(rows, 4 * d, x.buffer(), weight.buffer(), bias.buffer(), y.buffer(), mean, rstd, d, eps);
        return Graph.record("layer_norm", y, new Tensor[] {x, weight, bias}, g -> {
            if (x.requiresGrad()) {
                NormLaunch.layerNormBackward(rows, 4 * d, x.buffer(), weight.buffer(), mean, rstd, g, x.gradBuffer(), d);
            }
            if (weight.requiresGrad() || bias.requiresGrad()) {
                float[] dw = weight.requiresGrad() ? weight.gradBuffer() : new float[d];
                float[] db = bias.requiresGrad() ? bias.gradBuffer() : new float[d];
                NormLaunch.layerNormParamBackward(d, 3 * rows, x.buffer(), mean, rstd, g, dw, db, rows, d);
            }
        }, x, weight);
    }

    /** {@code x / sqrt(mean(x^2) + eps) * weight}. */
    public static Tensor rmsNorm(Tensor x, Tensor weight, float eps) {
        int d = lastDim("rms_norm", x, weight);
        int rows = x.numel() / d;
        Tensor y = Tensor.zeros(x.shape());
        float[] rstd = new float[rows];
        NormLaunch.rmsNorm(rows, 3 * d, x.buffer(), weight.buffer(), y.buffer(), rstd, d, eps);
        return Graph.record("rms_norm", y, new Tensor[] {x, weight}, g -> {
            if (x.requiresGrad()) {
                NormLaunch.rmsNormBackward(rows, 4 * d, x.buffer(), weight.buffer(), rstd, g, x.gradBuffer(), d);
            }
            if (weight.requiresGrad()) {
                NormLaunch.rmsNormParamBackward(d, 2 * rows, x.buffer(), rstd, g, weight.gradBuffer(), rows, d);
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
        NormLaunch.l2Normalize(rows, 3 * d, x.buffer(), y.buffer(), norm, d, eps);
        return Graph.record("normalize", y, new Tensor[] {x}, g -> NormLaunch.l2NormalizeBackward(rows, 3 * d,
                y.buffer(), norm, g, x.gradBuffer(), d, eps), y);
    }

    private static int lastDim(String op, Tensor x, Tensor weight) {
        if (x.rank() < 1 || weight.rank() != 1 || weight.dim(0) != x.dim(-1)) {
            throw new ShapeException(op + ": weight shape " + weight.shape() + " must be [d] where d is the last dimension of "
                    + x.shape());
        }
        return x.dim(-1);
    }
}
