package io.jemini.contrastive.losses;

import io.jemini.engine.testing.DArray;

/** Double-precision SPARC and CLIP written straight from the paper's equations, with plain loops. */
final class SparcReference {
    private SparcReference() {
    }

    /** Eqs. 2–5 for {@code t [B, L, d]}, {@code v [B, P, d]}: grouped embeddings {@code [B, L, d]}. */
    static DArray grouped(DArray t, DArray v, double sigma) {
        int b = t.dim(0);
        int l = t.dim(1);
        int d = t.dim(2);
        int p = v.dim(1);
        double[] out = new double[b * l * d];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < l; j++) {
                double[] s = new double[p];
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int q = 0; q < p; q++) {
                    for (int c = 0; c < d; c++) {
                        s[q] += t.v()[(i * l + j) * d + c] * v.v()[(i * p + q) * d + c];
                    }
                    min = Math.min(min, s[q]);
                    max = Math.max(max, s[q]);
                }
                double z = 0;
                for (int q = 0; q < p; q++) {
                    double n = (s[q] - min) / (max - min + SparseSimilarity.EPS);
                    s[q] = n >= sigma ? n : 0;
                    z += s[q];
                }
                for (int c = 0; c < d; c++) {
                    double acc = 0;
                    for (int q = 0; q < p; q++) {
                        acc += s[q] / z * v.v()[(i * p + q) * d + c];
                    }
                    out[(i * l + j) * d + c] = acc;
                }
            }
        }
        return new DArray(out, new int[] {b, l, d});
    }

    /** Eq. 6 with the given averaging: per caption then per sample, or per real token. */
    static double fineGrained(DArray c, DArray t, double[] mask, double scale, boolean perSample) {
        int b = c.dim(0);
        int l = c.dim(1);
        int d = c.dim(2);
        double[] cn = unit(c.v(), d);
        double[] tn = unit(t.v(), d);
        double total = 0;
        double tokens = 0;
        int samples = 0;
        for (int i = 0; i < b; i++) {
            double sampleLoss = 0;
            double real = 0;
            for (int j = 0; j < l; j++) {
                if (mask[i * l + j] == 0) {
                    continue;
                }
                real++;
                for (int dir = 0; dir < 2; dir++) {
                    double[] logits = new double[l];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < l; k++) {
                        if (mask[i * l + k] == 0) {
                            logits[k] = Double.NEGATIVE_INFINITY;
                            continue;
                        }
                        double dot = 0;
                        for (int e = 0; e < d; e++) {
                            dot += dir == 0 ? cn[(i * l + j) * d + e] * tn[(i * l + k) * d + e]
                                    : tn[(i * l + j) * d + e] * cn[(i * l + k) * d + e];
                        }
                        logits[k] = scale * dot;
                        max = Math.max(max, logits[k]);
                    }
                    double sum = 0;
                    for (int k = 0; k < l; k++) {
                        sum += Math.exp(logits[k] - max);
                    }
                    sampleLoss += 0.5 * (max + Math.log(sum) - logits[j]);
                }
            }
            if (real > 0) {
                total += perSample ? sampleLoss / real : sampleLoss;
                tokens += real;
                samples++;
            }
        }
        return perSample ? total / samples : total / tokens;
    }

    /** Eq. 1: symmetric InfoNCE over the batch on L2-normalised rows. */
    static double clip(DArray image, DArray text, double scale) {
        int b = image.dim(0);
        int d = image.dim(1);
        double[] vi = unit(image.v(), d);
        double[] ti = unit(text.v(), d);
        double loss = 0;
        for (int dir = 0; dir < 2; dir++) {
            for (int i = 0; i < b; i++) {
                double[] logits = new double[b];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < b; j++) {
                    double dot = 0;
                    for (int e = 0; e < d; e++) {
                        dot += dir == 0 ? vi[i * d + e] * ti[j * d + e] : ti[i * d + e] * vi[j * d + e];
                    }
                    logits[j] = scale * dot;
                    max = Math.max(max, logits[j]);
                }
                double sum = 0;
                for (double z : logits) {
                    sum += Math.exp(z - max);
                }
                loss += (max + Math.log(sum) - logits[i]) / (2.0 * b);
            }
        }
        return loss;
    }

    /** FILIP from its definition: token-wise max cosine, averaged over real tokens / all patches. */
    static double filip(DArray t, DArray v, double[] mask, double scale) {
        int b = t.dim(0);
        int l = t.dim(1);
        int p = v.dim(1);
        int d = t.dim(2);
        double[] tn = unit(t.v(), d);
        double[] vn = unit(v.v(), d);
        double[][] textToImage = new double[b][b];
        double[][] imageToText = new double[b][b];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < b; j++) {
                double real = 0;
                double sum = 0;
                for (int a = 0; a < l; a++) {
                    if (mask[i * l + a] == 0) {
                        continue;
                    }
                    double best = Double.NEGATIVE_INFINITY;
                    for (int q = 0; q < p; q++) {
                        best = Math.max(best, dot(tn, (i * l + a) * d, vn, (j * p + q) * d, d));
                    }
                    sum += best;
                    real++;
                }
                textToImage[i][j] = sum / real;
                double patchSum = 0;
                for (int q = 0; q < p; q++) {
                    double best = Double.NEGATIVE_INFINITY;
                    for (int a = 0; a < l; a++) {
                        if (mask[i * l + a] != 0) {
                            best = Math.max(best, dot(tn, (i * l + a) * d, vn, (j * p + q) * d, d));
                        }
                    }
                    patchSum += best;
                }
                imageToText[j][i] = patchSum / p;
            }
        }
        return 0.5 * (infoNce(textToImage, scale) + infoNce(imageToText, scale));
    }

    private static double infoNce(double[][] s, double scale) {
        double loss = 0;
        for (int i = 0; i < s.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double x : s[i]) {
                max = Math.max(max, scale * x);
            }
            double sum = 0;
            for (double x : s[i]) {
                sum += Math.exp(scale * x - max);
            }
            loss += (max + Math.log(sum) - scale * s[i][i]) / s.length;
        }
        return loss;
    }

    private static double dot(double[] a, int ai, double[] b, int bi, int d) {
        double s = 0;
        for (int e = 0; e < d; e++) {
            s += a[ai + e] * b[bi + e];
        }
        return s;
    }

    private static double[] unit(double[] x, int d) {
        double[] out = new double[x.length];
        for (int r = 0; r < x.length / d; r++) {
            double n = 0;
            for (int e = 0; e < d; e++) {
                n += x[r * d + e] * x[r * d + e];
            }
            n = Math.max(Math.sqrt(n), 1e-12);
            for (int e = 0; e < d; e++) {
                out[r * d + e] = x[r * d + e] / n;
            }
        }
        return out;
    }
}
