package io.jemini.experts.routing;

/**
 * The shape and routing policy of an MoE layer.
 *
 * @param experts        routed experts E
 * @param topK           experts per token k
 * @param hidden         each expert's SwiGLU hidden width
 * @param dispatch       {@code dropless} or {@code capacity}
 * @param capacityFactor with {@code capacity}: C = ceil(factor * tokens * k / E)
 * @param dropOrder      with {@code capacity}: which assignments claim expert slots first
 * @param renormalize    gates renormalised over the chosen k (Mixtral/GShard) or raw probabilities
 *                       (Switch); with k = 1 the gate is always the raw probability
 * @param jitter         multiplicative router-input noise U(1-eps, 1+eps) in training; 0 for none
 * @param sharedExperts  always-on SwiGLU experts of width {@code hidden} added to every token
 * @param biasUpdate     DeepSeek-V3 auxiliary-loss-free balancing step gamma; 0 for none
 * @param auxCoef        load-balancing loss coefficient (the loss is 1 under uniform routing)
 * @param zCoef          router z-loss coefficient
 */
public record MoeConfig(int experts, int topK, int hidden, String dispatch, double capacityFactor, DropOrder dropOrder,
                        boolean renormalize, double jitter, int sharedExperts, double biasUpdate, double auxCoef, double zCoef) {
    public boolean dropless() {
        return dispatch.equals("dropless");
    }

    /** Problems with this config, each naming the key (prefixed by {@code path}) and what is allowed. */
    public java.util.List<String> problems(String path) {
        java.util.List<String> p = new java.util.ArrayList<>();
        if (experts < 1) {
            p.add(path + "experts = " + experts + " is not allowed; must be >= 1");
        }
        if (topK < 1 || topK > experts) {
            p.add(path + "top_k = " + topK + " is not allowed; must be between 1 and experts (" + experts + ")");
        }
        if (hidden < 1) {
            p.add(path + "hidden = " + hidden + " is not allowed; must be >= 1");
        }
        if (!dispatch.equals("dropless") && !dispatch.equals("capacity")) {
            p.add(path + "dispatch = " + dispatch + " is not allowed; allowed: dropless, capacity");
        }
        if (dispatch.equals("capacity") && !(capacityFactor > 0)) {
            p.add(path + "capacity_factor = " + capacityFactor + " is not allowed; must be > 0");
        }
        if (!(jitter >= 0 && jitter < 1)) {
            p.add(path + "jitter = " + jitter + " is not allowed; must be in [0, 1)");
        }
        if (sharedExperts < 0) {
            p.add(path + "shared_experts = " + sharedExperts + " is not allowed; must be >= 0");
        }
        if (biasUpdate < 0 || auxCoef < 0 || zCoef < 0) {
            p.add(path + "bias_update, aux_coef and z_coef must be >= 0 (got " + biasUpdate + ", " + auxCoef + ", " + zCoef + ")");
        }
        return p;
    }

    /** Expert capacity for {@code tokens} tokens, or -1 (unlimited) when dropless. */
    public int capacity(int tokens) {
        return dropless() ? -1 : (int) Math.ceil(capacityFactor * tokens * topK / experts);
    }
}
