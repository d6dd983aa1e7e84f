package io.jemini.kernels;

/**
 * Normalisations over the last dimension of a {@code [rows, d]} view: LayerNorm, RMSNorm and L2
 * normalisation. Forward kernels run over rows and save the statistics backward needs;
 * parameter gradients run over columns so that each column sums its rows in order.
 */
public final class NormKernels {
    private NormKernels() {
    }

    public static void layerNorm(float[] x, float[] w, float[] b, float[] y, float[] mean, float[] rstd,
                                 int d, float eps, int lo, int hi) {
        for (int row = lo; row < hi; row++) {
            int base = row * d;
            double s = 0.0;
            for (int j = 0; j < d; j++) {
                s += x[base + j];
            }
            double mu = s / d;
            double v = 0.0;
            for (int j = 0; j < d; j++) {
                double c = x[base + j] - mu;
                v += c * c;
            }
            double inv = 1.0 / Math.sqrt(v / d + eps);
            mean[row] = (float) mu;
            rstd[row] = (float) inv;
            for (int j = 0; j < d; j++) {
                y[base + j] = (float) ((x[base + j] - mu) * inv) * w[j] + b[j];
            }
        }
    }

    /** {@code dx += rstd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat))} with {@code dxhat = dy * w}. */
    public static void layerNormBackward(float[] x, float[] w, float[] mean, float[] rstd, float[] dy, float[] dx,
                                         int d, int lo, int hi) {
        for (int row = lo; row < hi; row++) {
            int base = row * d;
            float mu = mean[row];
            float inv = rstd[row];
            double sumG = 0.0;
            double sumGX = 0.0;
            for (int j = 0; j < d; j++) {
                float g = dy[base + j] * w[j];
                sumG += g;
                sumGX += g * ((x[base + j] - mu) * inv);
            }
            float meanG = (float) (sumG / d);
            float meanGX = (float) (sumGX / d);
            for (int j = 0; j < d; j++) {
                float xhat = (x[base + j] - mu) * inv;
                dx[base + j] += inv * (dy[base + j] * w[j] - meanG - xhat * meanGX);
            }
        }
    }

    /** Parallel over columns: {@code dw[j] += sum dy * xhat}, {@code db[j] += sum dy}. */
    public static void layerNormParamBackward(float[] x, float[] mean, float[] rstd, float[] dy, float[] dw,
                                              float[] db, int rows, int d, int lo, int hi) {
        for (int j = lo; j < hi; j++) {
            double gw = 0.0;
            double gb = 0.0;
            for (int row = 0; row < rows; row++) {
                float g = dy[row * d + j];
                gw += g * ((x[row * d + j] - mean[row]) * rstd[row]);
                gb += g;
            }
            dw[j] += (float) gw;
            db[j] += (float) gb;
        }
    }

    public static void rmsNorm(float[] x, float[] w, float[] y, float[] rstd, int d, float eps, int lo, int hi) {
        for (int row = lo; row < hi; row++) {
            int base = row * d;
            double s = 0.0;
            for (int j = 0; j < d; j++) {
                s += (double) x[base + j] * x[base + j];
            }
            float inv = (float) (1.0 / Math.sqrt(s / d + eps));
            rstd[row] = inv;
            for (int j = 0; j < d; j++) {
                y[base + j] = x[base + j] * inv * w[j];
            }
        }
    }

    /** {@code dx += rstd * (dxhat - xhat * mean(dxhat * xhat))} with {@code dxhat = dy * w}. */
    public static void rmsNormBackward(float[] x, float[] w, float[] rstd, float[] dy, float[] dx, int d,
                                       int lo, int hi) {
        for (int row = lo; row < hi; row++) {
            int base = row * d;
            float inv = rstd[row];
            double sumGX = 0.0;
            for (int j = 0; j < d; j++) {
                sumGX += dy[base + j] * w[j] * (x[base + j] * inv);
            }
            float meanGX = (float) (sumGX / d);
            for (int j = 0; j < d; j++) {
                float xhat = x[base + j] * inv;
                dx[base + j] += inv * (dy[base + j] * w[j] - xhat * meanGX);
            }
        }
    }

    /** Parallel over columns: {@code dw[j] += sum dy * xhat}. */
    public static void rmsNormParamBackward(float[] x, float[] rstd, float[] dy, float[] dw, int rows, int d,
                                            int lo, int hi) {
        for (int j = lo; j < hi; j++) {
            double gw = 0.0;
            for (int row = 0; row < rows; row++) {
                gw += dy[row * d + j] * (x[row * d + j] * rstd[row]);
            }
            dw[j] += (float) gw;
        }
    }

    /** {@code y = x / max(||x||, eps)} per row, as {@code torch.nn.functional.normalize}. */
    public static void l2Normalize(float[] x, float[] y, float[] norm, int d, float eps, int lo, int hi) {
        for (int row = lo; row < hi; row++) {
            int base = row * d;
            double s = 0.0;
            for (int j = 0; j < d; j++) {
                s += (double) x[base + j] * x[base + j];
            }
            float n = (float) Math.sqrt(s);
            norm[row] = n;
            float denom = Math.max(n, eps);
            for (int j = 0; j < d; j++) {
                y[base + j] = x[base + j] / denom;
            }
        }
    }

    /** {@code dx += (dy - y * (dy . y)) / ||x||}, or {@code dy / eps} where the norm was clamped. */
    public static void l2NormalizeBackward(float[] y, float[] norm, float[] dy, float[] dx, int d, float eps,
                                           int lo, int hi) {
        for (int row = lo; row < hi; row++) {
            int base = row * d;
            float n = norm[row];
            if (n > eps) {
                double dot = 0.0;
                for (int j = 0; j < d; j++) {
                    dot += (double) dy[base + j] * y[base + j];
                }
                float dt = (float) dot;
                for (int j = 0; j < d; j++) {
                    dx[base + j] += (dy[base + j] - y[base + j] * dt) / n;
                }
            } else {
                for (int j = 0; j < d; j++) {
                    dx[base + j] += dy[base + j] / eps;
                }
            }
        }
    }
}
