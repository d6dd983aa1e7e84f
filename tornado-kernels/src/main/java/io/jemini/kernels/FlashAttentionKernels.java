package io.jemini.kernels;

/**
 * Memory-linear attention with an online softmax (Milakov and Gimelshein 2018; the
 * flash-attention recurrence): each query row streams over its visible keys keeping a running
 * maximum, denominator and output, so no {@code Tq×Tk} score matrix ever exists. The backward
 * pass recomputes scores from the saved log-sum-exp, one pass for query gradients and one for
 * key and value gradients, so every output element is written by one thread in a fixed order.
 *
 * <p>Layouts: {@code q [B, Hq, Tq, D]}; keys and values {@code [B, Hkv, S, D]} of which the first
 * {@code tk} rows per head are used ({@code S} is the buffer's row capacity, which lets a KV cache
 * grow in place); {@code Hq} is a multiple of {@code Hkv} (grouped-query attention: query head
 * {@code h} reads key head {@code h / (Hq / Hkv)}). Query {@code i} sits at key position
 * {@code tk - tq + i}; with {@code causal != 0} it sees keys at or before it, and with
 * {@code window > 0} only the last {@code window} of those. With {@code padded != 0}, keys whose
 * entry in {@code padding [B, tk]} is non-zero are invisible to every query (key padding).
 */
public final class FlashAttentionKernels {
    private FlashAttentionKernels() {
    }

    /**
     * Output {@code out [B, Hq, Tq, D]} and per-row log-sum-exp {@code lse [B, Hq, Tq]} of the scaled
     * scores; the parallel range is over the {@code B·Hq·Tq} query rows. A row with no visible key
     * gets zeros and {@code lse = -inf}.
     */
    public static void forward(float[] q, float[] k, float[] v, float[] out, float[] lse, int hq, int hkv, int tq, int tk,
                               int capacity, int d, float scale, int causal, int window, int[] padding, int padded,
                               int lo, int hi) {
        int group = hq / hkv;
        for (int row = lo; row < hi; row++) {
            int i = row % tq;
            int bh = row / tq;
            int b = bh / hq;
            int h = bh % hq;
            int kvBase = (b * hkv + h / group) * capacity * d;
            int qBase = row * d;
            for (int c = 0; c < d; c++) {
                out[qBase + c] = 0.0f;
            }
            float peak = Float.NEGATIVE_INFINITY;
            float sum = 0.0f;
            int pos = tk - tq + i;
            int j0 = causal != 0 && window > 0 ? Math.max(0, pos - window + 1) : 0;
            int j1 = causal != 0 ? Math.min(tk, pos + 1) : tk;
            for (int j = j0; j < j1; j++) {
                if (padded == 0 || padding[b * tk + j] == 0) {
                    int kBase = kvBase + j * d;
                    float s = 0.0f;
                    for (int c = 0; c < d; c++) {
                        s += q[qBase + c] * k[kBase + c];
                    }
                    s *= scale;
                    if (s > peak) {
                        float rescale = (float) Math.exp(peak - s);
                        sum *= rescale;
                        for (int c = 0; c < d; c++) {
                            out[qBase + c] *= rescale;
                        }
                        peak = s;
                    }
                    float p = (float) Math.exp(s - peak);
                    sum += p;
                    for (int c = 0; c < d; c++) {
                        out[qBase + c] += p * v[kBase + c];
                    }
                }
            }
            if (sum > 0.0f) {
                float inv = 1.0f / sum;
                for (int c = 0; c < d; c++) {
                    out[qBase + c] *= inv;
                }
                lse[row] = peak + (float) Math.log(sum);
            } else {
                lse[row] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    /** {@code delta[row] = Σ_c dOut·out}, the softmax-backward correction of each query row. */
    public static void rowDot(float[] dOut, float[] out, float[] delta, int d, int lo, int hi) {
        for (int row = lo; row < hi; row++) {
            float s = 0.0f;
            for (int c = 0; c < d; c++) {
                s += dOut[row * d + c] * out[row * d + c];
            }
            delta[row] = s;
        }
    }

    /**
     * Adds the query gradient: {@code dq_i += scale · Σ_j p_ij (dOut_i·v_j − delta_i) k_j}, with
     * {@code p_ij = exp(scale·q_i·k_j − lse_i)}; parallel over query rows.
     */
    public static void backwardQuery(float[] q, float[] k, float[] v, float[] lse, float[] delta, float[] dOut, float[] dq,
                                     int hq, int hkv, int tq, int tk, int capacity, int d, float scale, int causal,
                                     int window, int[] padding, int padded, int lo, int hi) {
        int group = hq / hkv;
        for (int row = lo; row < hi; row++) {
            int i = row % tq;
            int bh = row / tq;
            int b = bh / hq;
            int h = bh % hq;
            int kvBase = (b * hkv + h / group) * capacity * d;
            int qBase = row * d;
            int pos = tk - tq + i;
            int j0 = causal != 0 && window > 0 ? Math.max(0, pos - window + 1) : 0;
            int j1 = causal != 0 ? Math.min(tk, pos + 1) : tk;
            for (int j = j0; j < j1; j++) {
                if (padded == 0 || padding[b * tk + j] == 0) {
                    int kBase = kvBase + j * d;
                    float s = 0.0f;
                    float dp = 0.0f;
                    for (int c = 0; c < d; c++) {
                        s += q[qBase + c] * k[kBase + c];
                        dp += dOut[qBase + c] * v[kBase + c];
                    }
                    float p = (float) Math.exp(s * scale - lse[row]);
                    float ds = p * (dp - delta[row]) * scale;
                    for (int c = 0; c < d; c++) {
                        dq[qBase + c] += ds * k[kBase + c];
                    }
                }
            }
        }
    }

    /**
     * Adds key and value gradients, parallel over the {@code B·Hkv·tk} key rows: each key row sums
     * over every query row of its head group that sees it, {@code dv_j += Σ p_ij dOut_i} and
     * {@code dk_j += scale · Σ p_ij (dOut_i·v_j − delta_i) q_i}. {@code dk}, {@code dv} have the
     * key buffers' layout.
     */
    public static void backwardKeyValue(float[] q, float[] k, float[] v, float[] lse, float[] delta, float[] dOut,
                                        float[] dk, float[] dv, int hq, int hkv, int tq, int tk, int capacity, int d,
                                        float scale, int causal, int window, int[] padding, int padded, int lo, int hi) {
        int group = hq / hkv;
        int shift = tk - tq;
        for (int keyRow = lo; keyRow < hi; keyRow++) {
            int j = keyRow % tk;
            int bk = keyRow / tk;
            int b = bk / hkv;
            int hk = bk % hkv;
            int kBase = (bk * capacity + j) * d;
            int iStart = 0;
            int iEnd = tq;
            if (padded != 0 && padding[b * tk + j] != 0) {
                iEnd = 0;
            }
            if (causal != 0) {
                iStart = Math.max(0, j - shift);
                if (window > 0) {
                    iEnd = Math.min(iEnd, j - shift + window);
                }
            }
            for (int g = 0; g < group; g++) {
                int h = hk * group + g;
                int rowBase = (b * hq + h) * tq;
                for (int i = iStart; i < iEnd; i++) {
                    int row = rowBase + i;
                    int qBase = row * d;
                    float s = 0.0f;
                    float dp = 0.0f;
                    for (int c = 0; c < d; c++) {
                        s += q[qBase + c] * k[kBase + c];
                        dp += dOut[qBase + c] * v[kBase + c];
                    }
                    float p = (float) Math.exp(s * scale - lse[row]);
                    float ds = p * (dp - delta[row]) * scale;
                    for (int c = 0; c < d; c++) {
                        dv[kBase + c] += p * dOut[qBase + c];
                        dk[kBase + c] += ds * q[qBase + c];
                    }
                }
            }
        }
    }
}
