package io.jemini.experts.routing;

import io.jemini.engine.config.Checks;

/**
 * The shape and routing policy of mixture-of-experts layers, the {@code moe} section of a config,
 * checked in one place.
 *
 * @param enabled        whether a model's feed-forwards are MoE layers
 * @param every          every n-th block (1 = all) gets one
 * @param experts        routed experts E
 * @param topK           experts per token k
 * @param hidden         each expert's SwiGLU hidden width
 * @param dispatch       every assignment kept, or expert capacity with dropping
 * @param capacityFactor with capacity dispatch: C = ceil(factor * tokens * k / E)
 * @param dropOrder      with capacity dispatch: which assignments claim expert slots first
 * @param renormalize    gates renormalised over the chosen k (Mixtral/GShard) or raw probabilities
 *                       (Switch); with k = 1 the gate is always the raw probability
 * @param jitter         multiplicative router-input noise U(1-eps, 1+eps) in training; 0 for none
 * @param sharedExperts  always-on SwiGLU experts of width {@code hidden} added to every token
 * @param biasUpdate     DeepSeek-V3 auxiliary-loss-free balancing step gamma; 0 for none
 * @param auxCoef        load-balancing loss coefficient (the loss is 1 under uniform routing)
 * @param zCoef          router z-loss coefficient
 */
public record MoeConfig(boolean enabled, int every, int experts, int topK, int hidden, Dispatch dispatch,
                        double capacityFactor, DropOrder dropOrder, boolean renormalize, double jitter, int sharedExperts,
                        double biasUpdate, double auxCoef, double zCoef) {
    /** E experts of width {@code hidden}, k per token, dropless, renormalised gates, no noise, shared experts or losses. */
    public static MoeConfig of(int experts, int topK, int hidden) {
        return new MoeConfig(true, 1, experts, topK, hidden, Dispatch.DROPLESS, 1.0, DropOrder.CHOICE, true, 0, 0, 0, 0, 0);
    }

    /** This config with capacity dispatch at {@code factor}. */
    public MoeConfig withCapacity(double factor) {
        return withDispatch(Dispatch.CAPACITY, factor);
    }

    /** This config with {@code how} dispatch and, for capacity dispatch, the capacity factor. */
    public MoeConfig withDispatch(Dispatch how, double factor) {
        return new MoeConfig(enabled, every, experts, topK, hidden, how, factor, dropOrder, renormalize, jitter,
                sharedExperts, biasUpdate, auxCoef, zCoef);
    }

    public MoeConfig withDropOrder(DropOrder order) {
        return new MoeConfig(enabled, every, experts, topK, hidden, dispatch, capacityFactor, order, renormalize, jitter,
                sharedExperts, biasUpdate, auxCoef, zCoef);
    }

    public MoeConfig withRenormalize(boolean on) {
        return new MoeConfig(enabled, every, experts, topK, hidden, dispatch, capacityFactor, dropOrder, on, jitter,
                sharedExperts, biasUpdate, auxCoef, zCoef);
    }

    public MoeConfig withJitter(double eps) {
        return new MoeConfig(enabled, every, experts, topK, hidden, dispatch, capacityFactor, dropOrder, renormalize, eps,
                sharedExperts, biasUpdate, auxCoef, zCoef);
    }

    /** This config with the load-balancing and router z-loss coefficients. */
    public MoeConfig withLosses(double aux, double z) {
        return new MoeConfig(enabled, every, experts, topK, hidden, dispatch, capacityFactor, dropOrder, renormalize, jitter,
                sharedExperts, biasUpdate, aux, z);
    }

    public boolean dropless() {
        return dispatch == Dispatch.DROPLESS;
    }

    /** Adds every problem, each naming its key under {@code prefix} (e.g. {@code "moe."}) and what is allowed. */
    public void check(Checks c, String prefix) {
        c.atLeast(prefix + "every", every, 1);
        c.atLeast(prefix + "experts", experts, 1);
        c.require(topK >= 1 && topK <= experts, prefix + "top_k", topK, "must be between 1 and " + prefix + "experts ("
                + experts + ")");
        c.atLeast(prefix + "hidden", hidden, 1);
        c.require(dispatch != Dispatch.CAPACITY || capacityFactor > 0, prefix + "capacity_factor", capacityFactor,
                "must be > 0 with capacity dispatch");
        c.require(jitter >= 0 && jitter < 1, prefix + "jitter", jitter, "must be in [0, 1)");
        c.atLeast(prefix + "shared_experts", sharedExperts, 0);
        c.require(biasUpdate >= 0, prefix + "bias_update", biasUpdate, "must be >= 0");
        c.require(auxCoef >= 0, prefix + "aux_coef", auxCoef, "must be >= 0");
        c.require(zCoef >= 0, prefix + "z_coef", zCoef, "must be >= 0");
    }

    /** Expert capacity for {@code tokens} tokens, or -1 (unlimited) when dropless. */
    public int capacity(int tokens) {
        return dropless() ? -1 : (int) Math.ceil(capacityFactor * tokens * topK / experts);
    }
}
