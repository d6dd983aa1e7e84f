package io.jemini.experts.routing;

import io.jemini.engine.launch.Host;
import io.jemini.engine.ops.Softmaxes;
import io.jemini.engine.tensor.Tensor;

/**
 * The router's auxiliary losses. Load balancing in the convention that equals 1 under uniform
 * routing (MegaBlocks/OLMoE): {@code E * sum_i f_i * P_i} with {@code f_i} the share of the k·T
 * assignments routed to expert i (before capacity dropping) and {@code P_i} the mean router
 * probability. Router z-loss: the mean squared logsumexp of the logits. Padding tokens are
 * excluded from both.
 */
public final class BalancingLosses {
    private BalancingLosses() {
    }

    /**
     * @param valid per-token 1 (counted) or 0 (padding), or null for all tokens
     */
    public static Tensor loadBalancing(Routing r, float[] valid) {
        int tokens = r.tokens();
        int k = r.k();
        int experts = r.probs().dim(1);
        float[] f = new float[experts];
        float[] weight = new float[tokens];
        int counted = 0;
        int[] index = Host.read(r.index());
        for (int t = 0; t < tokens; t++) {
            weight[t] = valid == null ? 1 : valid[t];
            if (weight[t] != 0) {
                counted++;
                for (int j = 0; j < k; j++) {
                    f[index[t * k + j]] += 1;
                }
            }
        }
        if (counted == 0) {
            return Tensor.scalar(0);
        }
        for (int e = 0; e < experts; e++) {
            f[e] /= (float) k * counted;
        }
        Tensor meanProbs = Tensor.of(weight, 1, tokens).matmul(r.probs()).mul(1.0f / counted);
        return meanProbs.mul(Tensor.of(f, 1, experts)).sum().mul(experts);
    }

    /** {@code mean_t logsumexp(logits_t)^2} over counted tokens. */
    public static Tensor zLoss(Routing r, float[] valid) {
        int tokens = r.tokens();
        Tensor lse = Softmaxes.logSumExp(r.logits(), 1, false);
        float[] w = new float[tokens];
        int counted = 0;
        int[] index = Host.read(r.index());
        for (int t = 0; t < tokens; t++) {
            w[t] = valid == null ? 1 : valid[t];
            counted += w[t] != 0 ? 1 : 0;
        }
        if (counted == 0) {
            return Tensor.scalar(0);
        }
        return lse.mul(lse).mul(Tensor.of(w, tokens)).sum().mul(1.0f / counted);
    }
}
