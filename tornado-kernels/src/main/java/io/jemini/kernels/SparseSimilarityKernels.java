package io.jemini.kernels;

/**
 * SPARC's language-grouped vision embeddings. For each sample b and token l (a "row"): raw
 * similarities {@code s_p = t_l . v_p} to the P patches, min–max normalised across patches
 * ({@code (s - min) / (max - min + eps)}), entries below {@code sigma} set to 0, L1-normalised
 * into alignment weights {@code a_p}, and the grouped embedding {@code c_l = sum_p a_p v_p} of the
 * un-normalised patch embeddings. A constant row (every similarity equal) whose values the
 * threshold would all remove gets uniform weights, with no gradient through them. Layouts: {@code t [B, L, d]}, {@code v [B, P, d]},
 * {@code s, a [B, L, P]}, {@code c [B, L, d]}; per-row {@code arg min}, {@code arg max} and range
 * are saved for backward.
 */
public final class SparseSimilarityKernels {
    private SparseSimilarityKernels() {
    }

    /** Forward over rows {@code [lo, hi)} of the {@code B*L} rows. */
    public static void forward(float[] t, float[] v, int tokens, int patches, int dim, float sigma, float eps, float[] s,
                               float[] a, int[] argMin, int[] argMax, float[] range, float[] c, int lo, int hi) {
        for (int row = lo; row < hi; row++) {
            int b = row / tokens;
            int tBase = row * dim;
            int vBase = b * patches * dim;
            int sBase = row * patches;
            int kMin = 0;
            int kMax = 0;
            for (int p = 0; p < patches; p++) {
                float dot = 0.0f;
                for (int d = 0; d < dim; d++) {
                    dot += t[tBase + d] * v[vBase + p * dim + d];
                }
                s[sBase + p] = dot;
                if (dot < s[sBase + kMin]) {
                    kMin = p;
                }
                if (dot > s[sBase + kMax]) {
                    kMax = p;
                }
            }
            float min = s[sBase + kMin];
            float span = s[sBase + kMax] - min + eps;
            argMin[row] = kMin;
            argMax[row] = kMax;
            range[row] = span;
            float total = 0.0f;
            for (int p = 0; p < patches; p++) {
                float n = (s[sBase + p] - min) / span;
                float kept = n >= sigma ? n : 0.0f;
                a[sBase + p] = kept;
                total += kept;
            }
            for (int p = 0; p < patches; p++) {
                a[sBase + p] = total > 0.0f ? a[sBase + p] / total : 1.0f / patches;
            }
            for (int d = 0; d < dim; d++) {
                float acc = 0.0f;
                for (int p = 0; p < patches; p++) {
                    acc += a[sBase + p] * v[vBase + p * dim + d];
                }
                c[tBase + d] = acc;
            }
        }
    }

    /**
     * Backward over rows: from {@code dc} computes the gradient of the raw similarities into
     * {@code ds} (through grouping, L1 normalisation, the threshold and min–max) and adds
     * {@code ds . v} into {@code dt}. Rows whose normalised value sits exactly on the threshold
     * take the kept branch, as in the forward pass.
     */
    public static void backwardRows(float[] t, float[] v, float[] s, float[] a, int[] argMin, int[] argMax, float[] range,
                                    float[] dc, int tokens, int patches, int dim, float sigma, float[] ds, float[] dt,
                                    int withT, int lo, int hi) {
        for (int row = lo; row < hi; row++) {
            int b = row / tokens;
            int tBase = row * dim;
            int vBase = b * patches * dim;
            int sBase = row * patches;
            float min = s[sBase + argMin[row]];
            float span = range[row];
            float keptTotal = 0.0f;
            for (int p = 0; p < patches; p++) {
                float n = (s[sBase + p] - min) / span;
                keptTotal += n >= sigma ? n : 0.0f;
            }
            if (keptTotal == 0.0f) {
                for (int p = 0; p < patches; p++) {
                    ds[sBase + p] = 0.0f;
                }
            }
            float dotGa = 0.0f;
            for (int p = 0; p < patches && keptTotal > 0.0f; p++) {
                float ga = 0.0f;
                for (int d = 0; d < dim; d++) {
                    ga += dc[tBase + d] * v[vBase + p * dim + d];
                }
                ds[sBase + p] = ga;
                dotGa += ga * a[sBase + p];
            }
            float sumG = 0.0f;
            float sumGn = 0.0f;
            for (int p = 0; p < patches && keptTotal > 0.0f; p++) {
                float n = (s[sBase + p] - min) / span;
                float gn = n >= sigma ? (ds[sBase + p] - dotGa) / keptTotal : 0.0f;
                ds[sBase + p] = gn / span;
                sumG += gn;
                sumGn += gn * n;
            }
            ds[sBase + argMin[row]] += (sumGn - sumG) / span;
            ds[sBase + argMax[row]] -= sumGn / span;
            if (withT != 0) {
                for (int d = 0; d < dim; d++) {
                    float acc = 0.0f;
                    for (int p = 0; p < patches; p++) {
                        acc += ds[sBase + p] * v[vBase + p * dim + d];
                    }
                    dt[tBase + d] += acc;
                }
            }
        }
    }

    /**
     * Backward into the patches, parallel over the {@code B*P} patch rows so each is summed over
     * tokens in order: {@code dv_p += sum_l (a_lp dc_l + ds_lp t_l)}.
     */
    public static void backwardPatches(float[] t, float[] a, float[] ds, float[] dc, int tokens, int patches, int dim,
                                       float[] dv, int lo, int hi) {
        for (int prow = lo; prow < hi; prow++) {
            int b = prow / patches;
            int p = prow - b * patches;
            for (int d = 0; d < dim; d++) {
                float acc = 0.0f;
                for (int l = 0; l < tokens; l++) {
                    int row = b * tokens + l;
                    acc += a[row * patches + p] * dc[row * dim + d] + ds[row * patches + p] * t[row * dim + d];
                }
                dv[prow * dim + d] += acc;
            }
        }
    }
}
