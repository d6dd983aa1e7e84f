package io.jemini.experts.layer;

import io.jemini.engine.testing.DArray;

/**
 * An independent double-precision MoE forward, written from the formulas in moe.md with plain
 * loops: softmax router, top-k with ties to the lower index, gates renormalised or raw, capacity
 * in token order, SwiGLU experts, shared experts, and the two auxiliary losses.
 */
final class MoeReference {
    private MoeReference() {
    }

    /** Output rows for x [T, D] followed by lb and z losses as the last two values. */
    static DArray forward(DArray x, DArray router, DArray gate, DArray up, DArray down, int k, boolean renormalize,
                          int capacity, double auxCoef, double zCoef) {
        int t = x.dim(0);
        int d = x.dim(1);
        int e = router.dim(0);
        int h = gate.dim(1);
        double[] out = new double[t * d + 1];
        double[][] probs = new double[t][e];
        double z = 0;
        double[] meanP = new double[e];
        double[] f = new double[e];
        int[] load = new int[e];
        for (int i = 0; i < t; i++) {
            double[] logit = new double[e];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < e; j++) {
                for (int c = 0; c < d; c++) {
                    logit[j] += x.v()[i * d + c] * router.v()[j * d + c];
                }
                max = Math.max(max, logit[j]);
            }
            double sum = 0;
            for (int j = 0; j < e; j++) {
                sum += Math.exp(logit[j] - max);
            }
            double lse = max + Math.log(sum);
            z += lse * lse / t;
            for (int j = 0; j < e; j++) {
                probs[i][j] = Math.exp(logit[j] - lse);
                meanP[j] += probs[i][j] / t;
            }
            int[] chosen = new int[k];
            boolean[] used = new boolean[e];
            double gsum = 0;
            for (int s = 0; s < k; s++) {
                int best = -1;
                for (int j = 0; j < e; j++) {
                    if (!used[j] && (best < 0 || probs[i][j] > probs[i][best])) {
                        best = j;
                    }
                }
                used[best] = true;
                chosen[s] = best;
                gsum += probs[i][best];
                f[best] += 1.0 / (k * t);
            }
            for (int s = 0; s < k; s++) {
                int ex = chosen[s];
                boolean keep = capacity < 0 || load[ex] < capacity;
                load[ex]++;
                if (!keep) {
                    continue;
                }
                double g = renormalize && k > 1 ? probs[i][ex] / gsum : probs[i][ex];
                double[] hid = new double[h];
                for (int a = 0; a < h; a++) {
                    double ga = 0;
                    double ua = 0;
                    for (int c = 0; c < d; c++) {
                        ga += gate.v()[(ex * h + a) * d + c] * x.v()[i * d + c];
                        ua += up.v()[(ex * h + a) * d + c] * x.v()[i * d + c];
                    }
                    hid[a] = ga / (1 + Math.exp(-ga)) * ua;
                }
                for (int c = 0; c < d; c++) {
                    double y = 0;
                    for (int a = 0; a < h; a++) {
                        y += down.v()[(ex * d + c) * h + a] * hid[a];
                    }
                    out[i * d + c] += g * y;
                }
            }
        }
        double lb = 0;
        for (int j = 0; j < e; j++) {
            lb += e * f[j] * meanP[j];
        }
        out[t * d] = auxCoef * lb + zCoef * z;
        return new DArray(out, new int[] {t * d + 1});
    }
}
