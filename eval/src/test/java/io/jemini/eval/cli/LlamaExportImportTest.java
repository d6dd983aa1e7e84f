package io.jemini.eval.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.io.Safetensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * export → import round-trips a text model to the identical loss and generations, with its
 * tokenizer; what Llama cannot hold is refused before anything is written, and nothing is overwritten.
 */
class LlamaExportImportTest {
    @TempDir
    Path dir;

    private static final String[] WORDS = {"a", "lamp", "glows", "over", "the", "quiet", "harbour", "while", "boats",
        "drift", "home", "at", "dusk", "and", "gulls", "call"};

    private Path textRun() throws IOException {
        Path corpus = dir.resolve("corpus");
        Files.createDirectories(corpus);
        Random random = new Random(8);
        for (int d = 0; d < 8; d++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 300; w++) {
                text.append(WORDS[random.nextInt(WORDS.length)]).append(w % 10 == 9 ? ".\n" : " ");
            }
            Files.writeString(corpus.resolve("d" + d + ".txt"), text);
        }
        Path config = dir.resolve("text.json");
        Files.writeString(config, """
                {"name": "harbour", "seed": 3,
                 "data": {"source": "text", "path": "%s", "vocab_size": 280, "val_fraction": 0.25, "test_fraction": 0.25},
                 "model": {"dim": 16, "layers": 2, "heads": 4, "kv_heads": 2, "hidden": 40, "seq_len": 16,
                           "tied_embeddings": false},
                 "train": {"steps": 8, "batch_size": 2, "warmup_steps": 1, "log_every": 4, "eval_every": 8,
                           "checkpoint_every": 8},
                 "eval": {"batches": 2, "samples": 0}}
                """.formatted(corpus));
        CliRunner r = CliRunner.run("run", config.toString(), "--out", dir.resolve("runs").toString());
        assertEquals(0, r.exit(), r.err());
        return RunDirs.only(dir.resolve("runs"));
    }

    @Test
    void exportThenImportGivesTheSameModel() throws IOException {
        Path run = textRun();
        Path out = dir.resolve("llama");
        CliRunner export = CliRunner.run("export", run.toString(), "--format", "llama", out.toString());
        assertEquals(0, export.exit(), export.err());
        JsonNode hf = ConfigReader.readTree(out.resolve("config.json"));
        assertEquals(2, hf.path("num_key_value_heads").asInt());
        assertFalse(hf.path("tie_word_embeddings").asBoolean());
        Safetensors weights = Safetensors.read(out.resolve("model.safetensors"));
        assertArrayEquals(new int[] {8, 16}, weights.shape("model.layers.1.self_attn.k_proj.weight"));
        assertTrue(weights.contains("lm_head.weight") && !weights.contains("embed.weight"));
        JsonNode tokenizer = ConfigReader.readTree(out.resolve("tokenizer.json"));
        assertEquals("BPE", tokenizer.at("/model/type").asText());
        assertEquals(hf.path("vocab_size").asInt(), tokenizer.at("/model/vocab").size());
        assertTrue(ConfigReader.readTree(out.resolve("reference-batch.json")).path("loss").isNumber());

        CliRunner imported = CliRunner.run("import", out.toString(), "--out", dir.resolve("imported").toString());
        assertEquals(0, imported.exit(), imported.err());
        Path copy = RunDirs.only(dir.resolve("imported"));
        assertEquals(Files.readString(run.resolve("tokenizer.json")), Files.readString(copy.resolve("tokenizer.json")),
                "the tokenizer comes back as it was");
        assertEquals(0, CliRunner.run("eval", run.toString()).exit());
        assertEquals(0, CliRunner.run("eval", copy.toString()).exit());
        JsonNode before = ConfigReader.readTree(run.resolve("eval/lm.json"));
        JsonNode after = ConfigReader.readTree(copy.resolve("eval/lm.json"));
        assertEquals(before.path("val_loss").asDouble(), after.path("val_loss").asDouble(), 0.0);
        assertEquals(before.path("test_bits_per_byte").asDouble(), after.path("test_bits_per_byte").asDouble(), 0.0);
        String[] generate = {"--prompt", "the quiet", "--tokens", "12", "--seed", "4"};
        CliRunner original = CliRunner.run(concat(new String[] {"generate", run.toString()}, generate));
        CliRunner roundTrip = CliRunner.run(concat(new String[] {"generate", copy.toString()}, generate));
        assertEquals(0, roundTrip.exit(), roundTrip.err());
        assertEquals(original.out(), roundTrip.out());

        CliRunner again = CliRunner.run("export", run.toString(), "--format", "llama", out.toString());
        assertEquals(2, again.exit());
        assertTrue(again.err().contains("is not empty; give a new directory (nothing is overwritten)"), again.err());
    }

    @Test
    void whatLlamaCannotHoldIsRefusedBeforeWriting() throws IOException {
        Path config = dir.resolve("moe.json");
        Files.writeString(config, RunCommandTest.SMALL);
        CliRunner r = CliRunner.run("run", config.toString(), "--out", dir.resolve("runs").toString(), "--set",
                "moe.enabled=true", "--set", "moe.experts=2", "--set", "moe.top_k=1", "--set", "model.window=4");
        assertEquals(0, r.exit(), r.err());
        Path out = dir.resolve("llama");
        CliRunner export = CliRunner.run("export", RunDirs.only(dir.resolve("runs")).toString(), "--format", "llama",
                out.toString());
        assertEquals(2, export.exit());
        assertTrue(export.err().contains("this model has no Llama equivalent: moe.enabled = true (Llama is dense); "
                + "model.window = 4"), export.err());
        assertFalse(Files.exists(out));
        assertEquals(2, CliRunner.run("export", RunDirs.only(dir.resolve("runs")).toString(), "--format", "gguf",
                out.toString()).exit());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
