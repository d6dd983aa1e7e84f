package io.jemini.lm.llama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.engine.nn.FeedForward;
import io.jemini.engine.nn.Norm;
import io.jemini.engine.ops.RopeScaling;
import io.jemini.lm.training.LmRunConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Jemini LM's {@code model} section against Hugging Face's {@code LlamaConfig}. Only what Llama
 * computes converts: RMSNorm (eps 1e-5, Jemini's), SwiGLU, no MoE, full causal attention, RoPE
 * without scaling or with position interpolation (Llama's {@code linear}). NTK-aware scaling has
 * no static counterpart there (its {@code dynamic} rescales with the length), and Llama's
 * {@code yarn} interpolates over rounded frequency indices where Jemini ramps linearly in the
 * number of rotations per trained context, so both are refused rather than changed silently.
 */
public final class LlamaConfig {
    /** Jemini's RMSNorm epsilon. */
    static final double EPS = 1e-5;

    private LlamaConfig() {
    }

    /** Why {@code cfg} has no Llama equivalent, or an empty list. */
    public static List<String> problems(LmRunConfig cfg) {
        List<String> p = new ArrayList<>();
        LmRunConfig.Model m = cfg.model();
        if (m.norm() != Norm.Kind.RMS) {
            p.add("model.norm = " + m.norm().key() + " (Llama uses rms)");
        }
        if (m.ffn() != FeedForward.Kind.SWIGLU) {
            p.add("model.ffn = " + m.ffn().key() + " (Llama uses swiglu)");
        }
        if (cfg.moe().enabled()) {
            p.add("moe.enabled = true (Llama is dense)");
        }
        if (m.window() != 0) {
            p.add("model.window = " + m.window() + " (Llama attends to the whole causal context)");
        }
        if (m.ropeScaling() == RopeScaling.Kind.NTK) {
            p.add("model.rope_scaling = ntk (Llama's 'dynamic' NTK scaling rescales with the length; the static "
                    + "NTK-aware base has no Llama counterpart)");
        }
        if (m.ropeScaling() == RopeScaling.Kind.YARN) {
            p.add("model.rope_scaling = yarn (Llama's yarn ramps over rounded frequency indices, Jemini's linearly in "
                    + "rotations per trained context; the frequencies differ)");
        }
        return p;
    }

    /** The {@code config.json} of a Llama model with {@code cfg}'s shape and a vocabulary of {@code vocab}. */
    public static ObjectNode toLlama(LmRunConfig cfg, int vocab, Integer endOfText) {
        LmRunConfig.Model m = cfg.model();
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.putArray("architectures").add("LlamaForCausalLM");
        c.put("model_type", "llama");
        c.put("vocab_size", vocab);
        c.put("hidden_size", m.dim());
        c.put("intermediate_size", m.hidden());
        c.put("num_hidden_layers", m.layers());
        c.put("num_attention_heads", m.heads());
        c.put("num_key_value_heads", m.kvHeads() == 0 ? m.heads() : m.kvHeads());
        c.put("head_dim", m.dim() / m.heads());
        c.put("hidden_act", "silu");
        c.put("max_position_embeddings", m.context());
        c.put("rms_norm_eps", EPS);
        c.put("rope_theta", m.ropeBase());
        if (m.ropeScaling() == RopeScaling.Kind.PI) {
            c.putObject("rope_scaling").put("rope_type", "linear").put("factor", m.ropeFactor());
        } else {
            c.putNull("rope_scaling");
        }
        c.put("tie_word_embeddings", m.tiedEmbeddings());
        c.put("attention_bias", false);
        c.put("mlp_bias", false);
        c.put("torch_dtype", "float32");
        if (endOfText != null) {
            c.put("eos_token_id", endOfText);
        }
        return c;
    }

    /**
     * The {@code --set} assignments that give a Jemini config the shape of a Llama {@code config.json};
     * a setting Jemini does not compute is refused, naming it.
     */
    public static List<String> fromLlama(JsonNode c, String source) {
        List<String> problems = new ArrayList<>();
        if (!"llama".equals(c.path("model_type").asText("llama"))) {
            problems.add("model_type = " + c.path("model_type").asText() + " (llama)");
        }
        if (!"silu".equals(c.path("hidden_act").asText("silu"))) {
            problems.add("hidden_act = " + c.path("hidden_act").asText() + " (silu)");
        }
        if (Math.abs(c.path("rms_norm_eps").asDouble(EPS) - EPS) > 1e-12) {
            problems.add("rms_norm_eps = " + c.path("rms_norm_eps") + " (Jemini's RMSNorm uses 1e-5)");
        }
        if (c.path("attention_bias").asBoolean(false) || c.path("mlp_bias").asBoolean(false)) {
            problems.add("attention_bias/mlp_bias = true (Jemini's projections have no bias)");
        }
        for (String key : new String[] {"vocab_size", "hidden_size", "intermediate_size", "num_hidden_layers",
            "num_attention_heads"}) {
            if (!c.path(key).canConvertToInt() || c.path(key).asInt() < 1) {
                problems.add(key + " = " + c.path(key) + " (a positive whole number)");
            }
        }
        int dim = c.path("hidden_size").asInt();
        int heads = Math.max(1, c.path("num_attention_heads").asInt());
        if (c.has("head_dim") && !c.get("head_dim").isNull() && c.get("head_dim").asInt() * heads != dim) {
            problems.add("head_dim = " + c.get("head_dim") + " (Jemini's is hidden_size / num_attention_heads = "
                    + dim / heads + ")");
        }
        List<String> sets = new ArrayList<>();
        JsonNode scaling = c.path("rope_scaling");
        if (scaling.isObject()) {
            String type = scaling.path("rope_type").asText(scaling.path("type").asText());
            if (type.equals("linear")) {
                sets.add("model.rope_scaling=pi");
                sets.add("model.rope_factor=" + scaling.path("factor").asDouble());
            } else {
                problems.add("rope_scaling.rope_type = " + type + " (Jemini converts none and linear; see docs/checkpoint-"
                        + "format.md for why not yarn or dynamic)");
            }
        } else {
            sets.add("model.rope_scaling=none");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + String.join("; ", problems));
        }
        int kv = c.path("num_key_value_heads").asInt(heads);
        sets.add("model.dim=" + dim);
        sets.add("model.layers=" + c.path("num_hidden_layers").asInt());
        sets.add("model.heads=" + heads);
        sets.add("model.kv_heads=" + (kv == heads ? 0 : kv));
        sets.add("model.hidden=" + c.path("intermediate_size").asInt());
        sets.add("model.norm=rms");
        sets.add("model.ffn=swiglu");
        sets.add("model.window=0");
        sets.add(String.format(Locale.ROOT, "model.rope_base=%s", c.path("rope_theta").asDouble(10000)));
        sets.add("model.tied_embeddings=" + c.path("tie_word_embeddings").asBoolean(false));
        if (c.path("max_position_embeddings").canConvertToInt()) {
            sets.add("model.context=" + c.path("max_position_embeddings").asInt());
        }
        sets.add("moe.enabled=false");
        return sets;
    }
}
