package io.jemini.lm.model;

import io.jemini.engine.nn.FeedForward;
import io.jemini.experts.layer.MoeLayer;
import io.jemini.experts.routing.MoeConfig;
import io.jemini.lm.training.LmRunConfig;

/** Builds a language model's feed-forwards from its config: MoE layers in every n-th block, dense elsewhere. */
public final class MoeFeedForwards {
    private MoeFeedForwards() {
    }

    /** The factory for {@code cfg}; with MoE disabled, null (the dense default). */
    public static FeedForward.Factory factory(LmRunConfig cfg) {
        return factory(cfg.moe(), cfg.model());
    }

    /** The factory for a decoder of shape {@code model} with the {@code moe} section; null when MoE is off. */
    public static FeedForward.Factory factory(MoeConfig moe, LmRunConfig.Model model) {
        if (!moe.enabled()) {
            return null;
        }
        return (index, dim, rng) -> (index + 1) % moe.every() == 0
                ? new MoeLayer("blocks." + index + ".ffn", dim, moe, rng)
                : FeedForward.create(model.ffn(), dim, model.hidden(), rng);
    }
}
