package io.jemini.lm.llama;

import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.io.Safetensors;
import io.jemini.engine.io.SafetensorsWriter;
import io.jemini.engine.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The weights of a dense LM in Llama's layout, both ways. Writing renames every tensor of a Jemini
 * checkpoint; reading fills a model's parameters and accounts for every tensor of the file: a
 * missing or misshapen one is an error, as is one the model has no place for, except Llama's
 * derived {@code rotary_emb.inv_freq} buffers (skipped with a warning) and an {@code lm_head}
 * identical to the embedding of a tied model.
 */
public final class LlamaCheckpoint {
    private LlamaCheckpoint() {
    }

    /** A Jemini checkpoint's {@code model.safetensors} renamed to Llama's tensor names. */
    public static SafetensorsWriter toLlama(Safetensors jemini) {
        SafetensorsWriter out = new SafetensorsWriter().metadata("format", "pt");
        jemini.entries().keySet().forEach(name -> out.putF32(LlamaNames.toLlama(name), jemini.floats(name),
                jemini.shape(name)));
        return out;
    }

    /** Copies a Llama file's tensors into {@code params} (Jemini names); {@code warn} hears what is skipped. */
    public static void load(Map<String, Tensor> params, Safetensors llama, boolean tied, Consumer<String> warn) {
        List<String> problems = new ArrayList<>();
        List<String> unused = new ArrayList<>();
        for (String name : llama.entries().keySet()) {
            String jemini = LlamaNames.toJemini(name);
            if (name.endsWith(".rotary_emb.inv_freq")) {
                warn.accept("skipping " + name + ": rotary frequencies are computed from rope_theta");
            } else if (name.equals("lm_head.weight") && tied) {
                if (!Arrays.equals(llama.floats(name), llama.floats("model.embed_tokens.weight"))) {
                    problems.add("lm_head.weight differs from model.embed_tokens.weight but tie_word_embeddings is true");
                }
            } else if (jemini == null || !params.containsKey(jemini)) {
                unused.add(name);
            }
        }
        if (!unused.isEmpty()) {
            problems.add("tensors the model has no place for: " + String.join(", ", unused));
        }
        params.forEach((jemini, t) -> {
            String name = LlamaNames.toLlama(jemini);
            if (!llama.contains(name)) {
                problems.add("missing " + name + " " + t.shape());
            } else if (!Arrays.equals(llama.shape(name), t.dims())) {
                problems.add(name + " has shape " + Arrays.toString(llama.shape(name)) + ", the config gives " + t.shape());
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(llama.file() + ": " + String.join("; ", problems));
        }
        try (var noGrad = GradMode.disabled()) {
            params.forEach((jemini, t) -> t.copy_(Tensor.of(llama.floats(LlamaNames.toLlama(jemini)), t.dims())));
        }
    }
}
