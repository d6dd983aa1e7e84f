package io.jemini.lm.eval;

/**
 * Least-squares fit of {@code L(x) = α·x^β + γ} (the Gemini 1.5 loss-versus-position law) by
 * Levenberg–Marquardt with the analytic Jacobian, and its coefficient of determination.
 */
public record PowerLawFit(double alpha, double beta, double gamma, double rSquared) {
    public double at(double x) {
        return alpha * Math.pow(x, beta) + gamma;
    }

    public static PowerLawFit fit(double[] x, double[] y) {
        if (x.length < 3 || x.length != y.length) {
            throw new IllegalArgumentException("a power-law fit needs at least 3 points, got " + x.length);
        }
        double min = Double.POSITIVE_INFINITY;
        for (double v : y) {
            min = Math.min(min, v);
        }
        double[] p = {0, -0.5, min - 0.05 * Math.abs(min) - 1e-3};
        p[0] = (y[0] - p[2]) / Math.pow(x[0], p[1]);
        double lambda = 1e-3;
        double cost = cost(x, y, p);
        for (int iter = 0; iter < 500; iter++) {
            double[][] jtj = new double[3][3];
            double[] jtr = new double[3];
            for (int i = 0; i < x.length; i++) {
                double xb = Math.pow(x[i], p[1]);
                double[] j = {xb, p[0] * xb * Math.log(x[i]), 1};
                double r = y[i] - (p[0] * xb + p[2]);
                for (int a = 0; a < 3; a++) {
                    jtr[a] += j[a] * r;
                    for (int b = 0; b < 3; b++) {
                        jtj[a][b] += j[a] * j[b];
                    }
                }
            }
            boolean improved = false;
            while (lambda < 1e12) {
                double[][] m = new double[3][3];
                for (int a = 0; a < 3; a++) {
                    System.arraycopy(jtj[a], 0, m[a], 0, 3);
                    m[a][a] += lambda * (jtj[a][a] + 1e-12);
                }
                double[] step = solve(m, jtr);
                double[] q = {p[0] + step[0], p[1] + step[1], p[2] + step[2]};
                double c = cost(x, y, q);
                if (Double.isFinite(c) && c < cost) {
                    boolean converged = cost - c < 1e-15 * Math.max(1, cost);
                    p = q;
                    cost = c;
                    lambda = Math.max(1e-12, lambda / 10);
                    improved = !converged;
                    break;
                }
                lambda *= 10;
            }
            if (!improved) {
                break;
            }
        }
        double mean = 0;
        for (double v : y) {
            mean += v / y.length;
        }
        double total = 0;
        for (double v : y) {
            total += (v - mean) * (v - mean);
        }
        return new PowerLawFit(p[0], p[1], p[2], total == 0 ? Double.NaN : 1 - cost / total);
    }

    private static double cost(double[] x, double[] y, double[] p) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double r = y[i] - (p[0] * Math.pow(x[i], p[1]) + p[2]);
            s += r * r;
        }
        return s;
    }

    /** Gaussian elimination with partial pivoting on a 3×3 system. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = m[c];
            m[c] = m[pivot];
            m[pivot] = t;
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k <= n; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        double[] out = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * out[k];
            }
            out[r] = s / m[r][r];
        }
        return out;
    }
}
