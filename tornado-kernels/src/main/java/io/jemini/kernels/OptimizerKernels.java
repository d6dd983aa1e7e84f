package io.jemini.kernels;

/** Parameter-update kernels, element-wise over a parameter and its state buffers. */
public final class OptimizerKernels {
    private OptimizerKernels() {
    }

    /**
     * AdamW as {@code torch.optim.AdamW}: decoupled decay {@code p *= 1 - lr*wd}, then
     * {@code p -= lr * mhat / (sqrt(vhat) + eps)} with bias corrections {@code bc1}, {@code bc2}.
     */
    public static void adamW(float[] p, float[] g, float[] m, float[] v, float lr, float beta1, float beta2,
                             float eps, float weightDecay, float bc1, float bc2, int lo, int hi) {
        float decay = 1.0f - lr * weightDecay;
        float stepSize = lr / bc1;
        float bc2Sqrt = (float) Math.sqrt(bc2);
        for (int i = lo; i < hi; i++) {
            float gi = g[i];
            float mi = beta1 * m[i] + (1.0f - beta1) * gi;
            float vi = beta2 * v[i] + (1.0f - beta2) * gi * gi;
            m[i] = mi;
            v[i] = vi;
            float denom = (float) Math.sqrt(vi) / bc2Sqrt + eps;
            p[i] = p[i] * decay - stepSize * mi / denom;
        }
    }

    /**
     * SGD with momentum and L2 weight decay as {@code torch.optim.SGD} (dampening 0):
     * {@code g += wd*p; buf = momentum*buf + g} (buf = g on the first step); {@code p -= lr*buf}.
     */
    public static void sgd(float[] p, float[] g, float[] buf, float lr, float momentum, float weightDecay,
                           int firstStep, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            float gi = g[i] + weightDecay * p[i];
            float b = momentum == 0.0f ? gi : (firstStep != 0 ? gi : momentum * buf[i] + gi);
            buf[i] = b;
            p[i] -= lr * b;
        }
    }

    /** {@code x[i] *= scale}: gradient clipping. */
    public static void scale(float[] x, float scale, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            x[i] *= scale;
        }
    }
}
