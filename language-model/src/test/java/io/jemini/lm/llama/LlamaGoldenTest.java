package io.jemini.lm.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.io.Safetensors;
import io.jemini.engine.io.SafetensorsWriter;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.random.Rng;
import io.jemini.lm.model.TransformerLm;
import io.jemini.lm.training.LmRunConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Llama model written by PyTorch (scripts/llama/llama_reference.py, a forward pass written from
 * Hugging Face's modeling_llama) loads into Jemini by renaming alone and gives PyTorch's logits and
 * loss; written back, every tensor is the one read.
 */
class LlamaGoldenTest {
    private static final Path FIXTURE = Path.of("src", "test", "resources", "golden", "llama-tiny");

    @TempDir
    Path dir;

    private static TransformerLm load(List<String> notes) {
        JsonNode hf = ConfigReader.readTree(FIXTURE.resolve("config.json"));
        List<String> sets = new ArrayList<>(LlamaConfig.fromLlama(hf, "config.json"));
        sets.add("data.markov_vocab=50");
        sets.add("model.seq_len=16");
        sets.add("long_context.max_length=64");
        LmRunConfig cfg = ConfigReader.load("fixture", "{}", LmRunConfig.class, LmRunConfig.defaults(), sets, List.of())
                .get(0).config();
        TransformerLm lm = new TransformerLm(cfg.model().lmConfig(50), new Rng(7));
        LlamaCheckpoint.load(lm.parameters(), Safetensors.read(FIXTURE.resolve("model.safetensors")), false, notes::add);
        return lm;
    }

    @Test
    void givesPyTorchsLlamaLogitsAndLoss() {
        List<String> notes = new ArrayList<>();
        TransformerLm lm = load(notes);
        assertEquals(List.of("skipping model.layers.0.self_attn.rotary_emb.inv_freq: rotary frequencies are computed "
                + "from rope_theta"), notes);
        JsonNode expected = ConfigReader.readTree(FIXTURE.resolve("expected.json"));
        JsonNode rows = expected.get("ids");
        int t = rows.get(0).size();
        int[] in = new int[2 * (t - 1)];
        int[] out = new int[2 * (t - 1)];
        int[] all = new int[2 * t];
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < t; i++) {
                all[b * t + i] = rows.get(b).get(i).asInt();
                if (i < t - 1) {
                    in[b * (t - 1) + i] = rows.get(b).get(i).asInt();
                    out[b * (t - 1) + i] = rows.get(b).get(i + 1).asInt();
                }
            }
        }
        try (var noGrad = GradMode.disabled()) {
            assertEquals(expected.get("loss").asDouble(), lm.loss(Indices.of(in, 2, t - 1), Indices.of(out, 2, t - 1)).item(),
                    2e-5);
            float[] logits = lm.logits(Indices.of(all, 2, t)).data();
            for (int v = 0; v < 50; v++) {
                assertEquals(expected.get("logits_first_row").get(v).asDouble(), logits[v], 2e-5, "first row, token " + v);
                assertEquals(expected.get("logits_last_row").get(v).asDouble(), logits[(2 * t - 1) * 50 + v], 2e-5,
                        "last row, token " + v);
            }
        }
    }

    @Test
    void writingBackGivesTheTensorsRead() {
        TransformerLm lm = load(new ArrayList<>());
        SafetensorsWriter jemini = new SafetensorsWriter();
        lm.parameters().forEach((name, p) -> jemini.putF32(name, p.data(), p.dims()));
        Path jeminiFile = dir.resolve("jemini.safetensors");
        jemini.write(jeminiFile);
        Path back = dir.resolve("llama.safetensors");
        LlamaCheckpoint.toLlama(Safetensors.read(jeminiFile)).write(back);
        Safetensors original = Safetensors.read(FIXTURE.resolve("model.safetensors"));
        Safetensors written = Safetensors.read(back);
        assertEquals(original.entries().size() - 1, written.entries().size(), "all but the derived inv_freq");
        for (String name : written.entries().keySet()) {
            assertTrue(java.util.Arrays.equals(original.floats(name), written.floats(name)), name);
        }
    }

    @Test
    void anUnplacedOrMissingTensorIsAnError() throws Exception {
        Safetensors original = Safetensors.read(FIXTURE.resolve("model.safetensors"));
        SafetensorsWriter extra = new SafetensorsWriter();
        original.entries().keySet().forEach(n -> extra.putF32(n, original.floats(n), original.shape(n)));
        extra.putF32("model.layers.0.self_attn.q_proj.bias", new float[32], 32);
        Path withExtra = dir.resolve("extra.safetensors");
        extra.write(withExtra);
        TransformerLm lm = new TransformerLm(load(new ArrayList<>()).config(), new Rng(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LlamaCheckpoint.load(lm.parameters(),
                Safetensors.read(withExtra), false, n -> { }));
        assertTrue(e.getMessage().endsWith("tensors the model has no place for: model.layers.0.self_attn.q_proj.bias"),
                e.getMessage());
        SafetensorsWriter missing = new SafetensorsWriter();
        original.entries().keySet().stream().filter(n -> !n.equals("model.norm.weight"))
                .forEach(n -> missing.putF32(n, original.floats(n), original.shape(n)));
        Path withoutNorm = dir.resolve("missing.safetensors");
        missing.write(withoutNorm);
        e = assertThrows(IllegalArgumentException.class, () -> LlamaCheckpoint.load(lm.parameters(),
                Safetensors.read(withoutNorm), false, n -> { }));
        assertTrue(e.getMessage().contains("missing model.norm.weight [32]"), e.getMessage());
        assertTrue(Files.exists(withoutNorm));
    }

    @Test
    void settingsJeminiDoesNotComputeAreRefused() {
        JsonNode hf = ConfigReader.readTree(FIXTURE.resolve("config.json"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) hf).put("rms_norm_eps", 1e-6).putObject("rope_scaling")
                .put("rope_type", "yarn").put("factor", 4.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LlamaConfig.fromLlama(hf, "c"));
        assertTrue(e.getMessage().contains("rms_norm_eps = 1.0E-6 (Jemini's RMSNorm uses 1e-5)")
                && e.getMessage().contains("rope_scaling.rope_type = yarn"), e.getMessage());
    }
}
