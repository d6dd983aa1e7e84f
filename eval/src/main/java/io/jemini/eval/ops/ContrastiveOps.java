package io.jemini.eval.ops;

import static io.jemini.eval.ops.OpSpec.Input.optional;
import static io.jemini.eval.ops.OpSpec.Input.tensor;

import io.jemini.contrastive.losses.ContrastiveLosses;
import io.jemini.contrastive.losses.SparseSimilarity;
import io.jemini.engine.config.ConfigChoice;
import io.jemini.engine.tensor.Tensor;
import io.jemini.eval.ops.OpSpec.Attribute;
import java.util.List;
import java.util.Map;

/** SPARC's sparse similarity and losses, and the CLIP loss, as {@code jemini op} entries. */
public final class ContrastiveOps {
    private ContrastiveOps() {
    }

    public static OpRegistry registerAll(OpRegistry r) {
        Attribute sigma = new Attribute("sigma", "float", "-1", "threshold on min-max normalised similarity; -1 means 1/P");
        r.register(new OpSpec("sparse_similarity", "SPARC language-grouped vision embeddings [B, L, d] (eqs. 2-5)",
                List.of(tensor("tokens", "[B, L, d] adapted token embeddings"), tensor("patches", "[B, P, d] adapted patches")),
                List.of(sigma), c -> Map.of("out", SparseSimilarity.apply(c.tensor("tokens"), c.tensor("patches"),
                        sigma(c)).grouped())));
        r.register(new OpSpec("sparc_loss", "SPARC fine-grained loss (eq. 6) from tokens and patches, padded tokens masked",
                List.of(tensor("tokens", "[B, L, d]"), tensor("patches", "[B, P, d]"), tensor("mask", "[B, L], 1 real, 0 padding"),
                        optional("log_scale", "scalar log(1/temperature); default log(1/0.07)")),
                List.of(sigma, new Attribute("averaging", "per_sample|per_token", "per_sample",
                        "per_sample: eq. 6 (mean over each caption, then samples); per_token: the pseudo-code's mean")),
                c -> Map.of("out", ContrastiveLosses.fineGrained(SparseSimilarity.apply(c.tensor("tokens"), c.tensor("patches"),
                        sigma(c)).grouped(), c.tensor("tokens"), c.tensor("mask").detach().data(), scale(c),
                        ConfigChoice.parse(ContrastiveLosses.Averaging.class, c.attribute("averaging"))))));
        r.register(new OpSpec("clip_loss", "symmetric InfoNCE over the batch on L2-normalised embeddings (eq. 1)",
                List.of(tensor("image", "[B, d]"), tensor("text", "[B, d]"),
                        optional("log_scale", "scalar log(1/temperature); default log(1/0.07)")),
                List.of(), c -> Map.of("out", ContrastiveLosses.clip(c.tensor("image"), c.tensor("text"), scale(c)))));
        r.register(new OpSpec("filip_loss", "FILIP token-wise late-interaction loss (baseline): mean over tokens / patches of "
                + "the best cosine, symmetric InfoNCE over the batch",
                List.of(tensor("tokens", "[B, L, d]"), tensor("patches", "[B, P, d]"), tensor("mask", "[B, L], 1 real, 0 padding"),
                        optional("log_scale", "scalar log(1/temperature); default log(1/0.07)")),
                List.of(), c -> Map.of("out", ContrastiveLosses.filip(c.tensor("tokens"), c.tensor("patches"),
                        c.tensor("mask").detach().data(), scale(c)))));
        return r;
    }

    private static float sigma(OpCall c) {
        float s = c.floatAttr("sigma");
        return s < 0 ? 1f / c.tensor("patches").dim(1) : s;
    }

    private static Tensor scale(OpCall c) {
        Tensor logScale = c.tensor("log_scale");
        return (logScale == null ? Tensor.scalar((float) Math.log(1 / 0.07)) : logScale).exp();
    }
}
