package io.jemini.kernels;

/**
 * Row-wise cross-entropy over logits {@code [rows, classes]} with an ignore index and label
 * smoothing, following {@code torch.nn.functional.cross_entropy}: the smoothed target puts
 * {@code 1 - eps} on the label and {@code eps / classes} on every class.
 */
public final class CrossEntropyKernels {
    private CrossEntropyKernels() {
    }

    /** Writes each row's loss (0 for ignored rows) and its logsumexp. */
    public static void forward(float[] logits, int[] target, float[] loss, float[] lse, int classes,
                               int ignoreIndex, float smoothing, int lo, int hi) {
        for (int row = lo; row < hi; row++) {
            int base = row * classes;
            float peak = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                peak = Math.max(peak, logits[base + c]);
            }
            double sum = 0.0;
            double sumLogits = 0.0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[base + c] - peak);
                sumLogits += logits[base + c];
            }
            double l = peak + Math.log(sum);
            lse[row] = (float) l;
            int t = target[row];
            if (t == ignoreIndex) {
                loss[row] = 0.0f;
            } else {
                double nll = l - logits[base + t];
                double uniform = l - sumLogits / classes;
                loss[row] = (float) ((1.0 - smoothing) * nll + smoothing * uniform);
            }
        }
    }

    /** {@code dlogits += g[row] * (softmax - smoothed one-hot)} for rows that are not ignored. */
    public static void backward(float[] logits, int[] target, float[] lse, float[] g, float[] dlogits,
                                int classes, int ignoreIndex, float smoothing, int lo, int hi) {
        float off = smoothing / classes;
        for (int row = lo; row < hi; row++) {
            int t = target[row];
            if (t != ignoreIndex) {
                int base = row * classes;
                float gr = g[row];
                float l = lse[row];
                for (int c = 0; c < classes; c++) {
                    float p = (float) Math.exp(logits[base + c] - l);
                    float q = c == t ? 1.0f - smoothing + off : off;
                    dlogits[base + c] += gr * (p - q);
                }
            }
        }
    }
}
