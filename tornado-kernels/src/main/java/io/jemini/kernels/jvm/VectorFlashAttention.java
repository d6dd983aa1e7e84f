package io.jemini.kernels.jvm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API fast path of {@link io.jemini.kernels.FlashAttentionKernels#forward}: the same
 * contract and online-softmax recurrence, with the score dot products and the output update
 * vectorised over the head dimension and the running maximum updated once per block of keys
 * (fewer rescales of the output). Each query row is still computed by one thread in a fixed
 * order, so results do not depend on the thread count. Needs a head size that is a multiple of
 * the vector length.
 */
public final class VectorFlashAttention {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Keys scored before the output is rescaled and updated. */
    private static final int BLOCK = 64;

    private VectorFlashAttention() {
    }

    /** Whether this path handles a head size of {@code d}. */
    public static boolean supports(int d) {
        return d % SPECIES.length() == 0;
    }

    public static void forward(float[] q, float[] k, float[] v, float[] out, float[] lse, int hq, int hkv, int tq, int tk,
                               int capacity, int d, float scale, int causal, int window, int lo, int hi) {
        int lanes = SPECIES.length();
        int group = hq / hkv;
        float[] scores = new float[BLOCK];
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
            java.util.Arrays.fill(out, qBase, qBase + d, 0f);
            float max = Float.NEGATIVE_INFINITY;
            float sum = 0f;
            for (int start = j0; start < j1; start += BLOCK) {
                int n = Math.min(BLOCK, j1 - start);
                float blockMax = Float.NEGATIVE_INFINITY;
                for (int jj = 0; jj < n; jj++) {
                    int kBase = kvBase + (start + jj) * d;
                    FloatVector acc = FloatVector.zero(SPECIES);
                    for (int c = 0; c < d; c += lanes) {
                        acc = FloatVector.fromArray(SPECIES, q, qBase + c).fma(FloatVector.fromArray(SPECIES, k, kBase + c), acc);
                    }
                    float s = acc.reduceLanes(VectorOperators.ADD) * scale;
                    scores[jj] = s;
                    blockMax = Math.max(blockMax, s);
                }
                if (blockMax > max) {
                    float rescale = (float) Math.exp(max - blockMax);
                    sum *= rescale;
                    for (int c = 0; c < d; c += lanes) {
                        FloatVector.fromArray(SPECIES, out, qBase + c).mul(rescale).intoArray(out, qBase + c);
                    }
                    max = blockMax;
                }
                for (int jj = 0; jj < n; jj++) {
                    float p = (float) Math.exp(scores[jj] - max);
                    sum += p;
                    int vBase = kvBase + (start + jj) * d;
                    FloatVector weight = FloatVector.broadcast(SPECIES, p);
                    for (int c = 0; c < d; c += lanes) {
                        FloatVector.fromArray(SPECIES, v, vBase + c).fma(weight, FloatVector.fromArray(SPECIES, out, qBase + c))
                                .intoArray(out, qBase + c);
                    }
                }
            }
            if (sum > 0f) {
                float inv = 1f / sum;
                for (int c = 0; c < d; c += lanes) {
                    FloatVector.fromArray(SPECIES, out, qBase + c).mul(inv).intoArray(out, qBase + c);
                }
                lse[row] = max + (float) Math.log(sum);
            } else {
                lse[row] = Float.NEGATIVE_INFINITY;
            }
        }
    }
}
