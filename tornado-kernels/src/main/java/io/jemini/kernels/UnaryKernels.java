package io.jemini.kernels;

/**
 * Element-wise activation and math kernels with their backward passes. Forward kernels write
 * {@code y[i] = f(x[i])}; backward kernels add {@code dy[i] * f'(x[i])} into {@code dx[i]}.
 */
public final class UnaryKernels {
    private UnaryKernels() {
    }

    /** {@code y[i] = value}: zeroing gradients and filling tensors where the values live. */
    public static void fill(float[] y, float value, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            y[i] = value;
        }
    }

    public static void neg(float[] x, float[] y, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            y[i] = -x[i];
        }
    }

    public static void negBackward(float[] dy, float[] dx, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            dx[i] -= dy[i];
        }
    }

    public static void exp(float[] x, float[] y, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            y[i] = (float) Math.exp(x[i]);
        }
    }

    /** Uses the saved output: d exp(x) = exp(x). */
    public static void expBackward(float[] y, float[] dy, float[] dx, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            dx[i] += dy[i] * y[i];
        }
    }

    public static void log(float[] x, float[] y, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            y[i] = (float) Math.log(x[i]);
        }
    }

    public static void logBackward(float[] x, float[] dy, float[] dx, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            dx[i] += dy[i] / x[i];
        }
    }

    public static void sqrt(float[] x, float[] y, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            y[i] = (float) Math.sqrt(x[i]);
        }
    }

    /** Uses the saved output: d sqrt(x) = 1 / (2 sqrt(x)). */
    public static void sqrtBackward(float[] y, float[] dy, float[] dx, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            dx[i] += dy[i] * 0.5f / y[i];
        }
    }

    public static void pow(float[] x, float p, float[] y, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            y[i] = (float) Math.pow(x[i], p);
        }
    }

    public static void powBackward(float[] x, float p, float[] dy, float[] dx, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            dx[i] += dy[i] * p * (float) Math.pow(x[i], p - 1.0f);
        }
    }

    public static void abs(float[] x, float[] y, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            y[i] = Math.abs(x[i]);
        }
    }

    /** Subgradient 0 at x = 0, as in PyTorch; {@code x * 0} is signum's ±0 and NaN. */
    public static void absBackward(float[] x, float[] dy, float[] dx, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            float sign = x[i] > 0.0f ? 1.0f : (x[i] < 0.0f ? -1.0f : x[i] * 0.0f);
            dx[i] += dy[i] * sign;
        }
    }

    public static void tanh(float[] x, float[] y, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            y[i] = (float) Math.tanh(x[i]);
        }
    }

    public static void tanhBackward(float[] y, float[] dy, float[] dx, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            dx[i] += dy[i] * (1.0f - y[i] * y[i]);
        }
    }

    public static void sigmoid(float[] x, float[] y, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            y[i] = (float) (1.0 / (1.0 + Math.exp(-x[i])));
        }
    }

    public static void sigmoidBackward(float[] y, float[] dy, float[] dx, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            dx[i] += dy[i] * y[i] * (1.0f - y[i]);
        }
    }

    public static void relu(float[] x, float[] y, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            y[i] = x[i] > 0.0f ? x[i] : 0.0f;
        }
    }

    public static void reluBackward(float[] x, float[] dy, float[] dx, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            if (x[i] > 0.0f) {
                dx[i] += dy[i];
            }
        }
    }

    public static void silu(float[] x, float[] y, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            y[i] = (float) (x[i] / (1.0 + Math.exp(-x[i])));
        }
    }

    public static void siluBackward(float[] x, float[] dy, float[] dx, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            double s = 1.0 / (1.0 + Math.exp(-x[i]));
            dx[i] += dy[i] * (float) (s * (1.0 + x[i] * (1.0 - s)));
        }
    }

    /**
     * Exact GELU, x·Φ(x). erf is inlined (Abramowitz–Stegun 7.1.26, absolute error below
     * 1.5e-7) because kernels may only call {@link Math}.
     */
    public static void gelu(float[] x, float[] y, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            double z = x[i] * 0.7071067811865476;
            double az = Math.abs(z);
            double t = 1.0 / (1.0 + 0.3275911 * az);
            double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741
                    + t * (-1.453152027 + t * 1.061405429))));
            double erfAbs = 1.0 - poly * Math.exp(-az * az);
            double erf = z < 0.0 ? -erfAbs : erfAbs;
            y[i] = (float) (0.5 * x[i] * (1.0 + erf));
        }
    }

    /** d/dx x·Φ(x) = Φ(x) + x·φ(x). */
    public static void geluBackward(float[] x, float[] dy, float[] dx, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            double z = x[i] * 0.7071067811865476;
            double az = Math.abs(z);
            double t = 1.0 / (1.0 + 0.3275911 * az);
            double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741
                    + t * (-1.453152027 + t * 1.061405429))));
            double erfAbs = 1.0 - poly * Math.exp(-az * az);
            double erf = z < 0.0 ? -erfAbs : erfAbs;
            double cdf = 0.5 * (1.0 + erf);
            double pdf = 0.3989422804014327 * Math.exp(-0.5 * x[i] * x[i]);
            dx[i] += dy[i] * (float) (cdf + x[i] * pdf);
        }
    }

    /** GELU with the tanh approximation, 0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³))). */
    public static void geluTanh(float[] x, float[] y, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            double v = x[i];
            double u = 0.7978845608028654 * (v + 0.044715 * v * v * v);
            y[i] = (float) (0.5 * v * (1.0 + Math.tanh(u)));
        }
    }

    public static void geluTanhBackward(float[] x, float[] dy, float[] dx, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            double v = x[i];
            double u = 0.7978845608028654 * (v + 0.044715 * v * v * v);
            double th = Math.tanh(u);
            double du = 0.7978845608028654 * (1.0 + 3.0 * 0.044715 * v * v);
            dx[i] += dy[i] * (float) (0.5 * (1.0 + th) + 0.5 * v * (1.0 - th * th) * du);
        }
    }
}
