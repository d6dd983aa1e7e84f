package io.jemini.kernels;

/**
 * Softmax, log-softmax and logsumexp along one axis of a tensor viewed as
 * {@code [outer, r, inner]}; the parallel range is over the {@code outer * inner} lines.
 * Each line subtracts its maximum first, so large logits do not overflow.
 */
public final class SoftmaxKernels {
    private SoftmaxKernels() {
    }

    public static void softmax(float[] x, float[] y, int r, int inner, int lo, int hi) {
        for (int line = lo; line < hi; line++) {
            int o = line / inner;
            int base = o * r * inner + (line - o * inner);
            float peak = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < r; k++) {
                peak = Math.max(peak, x[base + k * inner]);
            }
            double sum = 0.0;
            for (int k = 0; k < r; k++) {
                float e = (float) Math.exp(x[base + k * inner] - peak);
                y[base + k * inner] = e;
                sum += e;
            }
            float inv = (float) (1.0 / sum);
            for (int k = 0; k < r; k++) {
                y[base + k * inner] *= inv;
            }
        }
    }

    /** {@code dx += y * (dy - sum(dy * y))}. */
    public static void softmaxBackward(float[] y, float[] dy, float[] dx, int r, int inner, int lo, int hi) {
        for (int line = lo; line < hi; line++) {
            int o = line / inner;
            int base = o * r * inner + (line - o * inner);
            double dot = 0.0;
            for (int k = 0; k < r; k++) {
                dot += (double) dy[base + k * inner] * y[base + k * inner];
            }
            float d = (float) dot;
            for (int k = 0; k < r; k++) {
                int p = base + k * inner;
                dx[p] += y[p] * (dy[p] - d);
            }
        }
    }

    public static void logSoftmax(float[] x, float[] y, int r, int inner, int lo, int hi) {
        for (int line = lo; line < hi; line++) {
            int o = line / inner;
            int base = o * r * inner + (line - o * inner);
            float peak = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < r; k++) {
                peak = Math.max(peak, x[base + k * inner]);
            }
            double sum = 0.0;
            for (int k = 0; k < r; k++) {
                sum += Math.exp(x[base + k * inner] - peak);
            }
            float shift = peak + (float) Math.log(sum);
            for (int k = 0; k < r; k++) {
                y[base + k * inner] = x[base + k * inner] - shift;
            }
        }
    }

    /** {@code dx += dy - exp(y) * sum(dy)}. */
    public static void logSoftmaxBackward(float[] y, float[] dy, float[] dx, int r, int inner, int lo, int hi) {
        for (int line = lo; line < hi; line++) {
            int o = line / inner;
            int base = o * r * inner + (line - o * inner);
            double total = 0.0;
            for (int k = 0; k < r; k++) {
                total += dy[base + k * inner];
            }
            float t = (float) total;
            for (int k = 0; k < r; k++) {
                int p = base + k * inner;
                dx[p] += dy[p] - (float) Math.exp(y[p]) * t;
            }
        }
    }

    public static void logSumExp(float[] x, float[] out, int r, int inner, int lo, int hi) {
        for (int line = lo; line < hi; line++) {
            int o = line / inner;
            int base = o * r * inner + (line - o * inner);
            float peak = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < r; k++) {
                peak = Math.max(peak, x[base + k * inner]);
            }
            double sum = 0.0;
            for (int k = 0; k < r; k++) {
                sum += Math.exp(x[base + k * inner] - peak);
            }
            out[line] = peak == Float.NEGATIVE_INFINITY ? peak : peak + (float) Math.log(sum);
        }
    }

    /** {@code dx += g * exp(x - lse)}. */
    public static void logSumExpBackward(float[] x, float[] lse, float[] g, float[] dx, int r, int inner,
                                         int lo, int hi) {
        for (int line = lo; line < hi; line++) {
            int o = line / inner;
            int base = o * r * inner + (line - o * inner);
            for (int k = 0; k < r; k++) {
                int p = base + k * inner;
                dx[p] += g[line] * (float) Math.exp(x[p] - lse[line]);
            }
        }
    }
}
