package io.jemini.lm.llama;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tensor names of a dense Jemini LM against Hugging Face's Llama layout: a pure rename, the
 * shapes and the values unchanged (linear weights are {@code [out, in]} in both, and both rotate
 * query and key halves, so no permutation is needed).
 */
public final class LlamaNames {
    private static final String[][] BLOCK = {
        {"attn_norm.weight", "input_layernorm.weight"},
        {"attn.q_proj.weight", "self_attn.q_proj.weight"},
        {"attn.k_proj.weight", "self_attn.k_proj.weight"},
        {"attn.v_proj.weight", "self_attn.v_proj.weight"},
        {"attn.o_proj.weight", "self_attn.o_proj.weight"},
        {"ffn_norm.weight", "post_attention_layernorm.weight"},
        {"ffn.gate.weight", "mlp.gate_proj.weight"},
        {"ffn.up.weight", "mlp.up_proj.weight"},
        {"ffn.down.weight", "mlp.down_proj.weight"},
    };
    private static final Pattern JEMINI_BLOCK = Pattern.compile("blocks\\.(\\d+)\\.(.+)");
    private static final Pattern LLAMA_BLOCK = Pattern.compile("model\\.layers\\.(\\d+)\\.(.+)");

    private LlamaNames() {
    }

    /** The Llama name of a Jemini parameter; fails for a tensor Llama has no place for (an expert, a GELU layer). */
    public static String toLlama(String jemini) {
        switch (jemini) {
            case "embed.weight":
                return "model.embed_tokens.weight";
            case "norm.weight":
                return "model.norm.weight";
            case "head.weight":
                return "lm_head.weight";
            default:
                break;
        }
        Matcher m = JEMINI_BLOCK.matcher(jemini);
        if (m.matches()) {
            for (String[] pair : BLOCK) {
                if (pair[0].equals(m.group(2))) {
                    return "model.layers." + m.group(1) + "." + pair[1];
                }
            }
        }
        throw new IllegalArgumentException("tensor '" + jemini + "' has no place in the Llama layout");
    }

    /** The Jemini name of a Llama tensor, or null for one a Jemini LM does not hold. */
    public static String toJemini(String llama) {
        switch (llama) {
            case "model.embed_tokens.weight":
                return "embed.weight";
            case "model.norm.weight":
                return "norm.weight";
            case "lm_head.weight":
                return "head.weight";
            default:
                break;
        }
        Matcher m = LLAMA_BLOCK.matcher(llama);
        if (m.matches()) {
            for (String[] pair : BLOCK) {
                if (pair[1].equals(m.group(2))) {
                    return "blocks." + m.group(1) + "." + pair[0];
                }
            }
        }
        return null;
    }
}
