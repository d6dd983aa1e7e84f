package io.jemini.eval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.training.MetricsLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model meta-trained on invented languages is scored on held-out ones; impossible requests are refused with numbers. */
class TranslationRunTest {
    @TempDir
    Path dir;

    private static final String CONFIG = """
            {"name": "tr", "seed": 2, "data": {"source": "languages", "vocab_size": 400},
             "languages": {"nouns": 6, "verbs": 3, "adjectives": 3, "irregular": 1, "max_examples": 3, "eval_languages": 2,
                           "sentences": 2, "shots": [0, 2, 4], "ablation_examples": 2%s},
             "model": {"dim": 16, "layers": 1, "heads": 2, "hidden": 32, "seq_len": 256, "context": 1024},
             "train": {"steps": 4, "batch_size": 2, "warmup_steps": 1, "log_every": 1, "eval_every": 4, "checkpoint_every": 2,
                       "keep_last": 3},
             "eval": {"batches": 1, "samples": 0}}
            """;

    private Path config(String extra) throws IOException {
        Path config = Files.createTempFile(dir, "tr", ".json");
        Files.writeString(config, CONFIG.formatted(extra));
        return config;
    }

    private static List<String> trajectory(Path run) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : MetricsLog.read(run.resolve("metrics.jsonl"))) {
            out.add(r.path("step") + " " + r.path("loss") + " " + r.path("grad_norm") + " " + r.path("val_loss"));
        }
        return out;
    }

    @Test
    void trainsResumesAndTranslatesHeldOutLanguagesUnderEveryCondition() throws IOException {
        CliRunner r = CliRunner.run("run", config("").toString(), "--out", dir.resolve("runs").toString());
        assertEquals(0, r.exit(), r.err());
        Path run = RunDirs.only(dir.resolve("runs"));
        assertTrue(ConfigReader.readTree(run.resolve("results.json")).path("data").asText().contains("invented languages"));
        List<String> before = trajectory(run);
        RunDirs.deleteTree(run.resolve("checkpoints/step-00000004"));
        assertEquals(0, CliRunner.run("resume", run.toString()).exit());
        assertEquals(before, trajectory(run), "resumed from step 2, the losses repeat bit for bit");

        CliRunner eval = CliRunner.run("eval", run.toString(), "--suite", "translation");
        assertEquals(0, eval.exit(), eval.err());
        JsonNode figures = ConfigReader.readTree(run.resolve("eval/translation.json"));
        assertEquals(2, figures.path("languages").asInt());
        JsonNode conditions = figures.path("conditions");
        assertEquals(9, conditions.size(), "no book, word list, grammar, both, + 2 and 4 examples, three ablations");
        assertEquals("no book", conditions.get(0).path("name").asText());
        assertEquals(0.0, conditions.get(0).path("book_tokens").asDouble());
        assertEquals("word list + grammar + 4 examples", conditions.get(5).path("name").asText());
        assertTrue(conditions.get(5).path("book_tokens").asDouble() > conditions.get(3).path("book_tokens").asDouble());
        for (JsonNode c : conditions) {
            assertTrue(c.path("chrf").asDouble() >= 0 && c.path("chrf").asDouble() <= 100);
            assertTrue(c.path("exact").asDouble() >= 0 && c.path("exact").asDouble() <= 1);
        }
        assertTrue(eval.out().contains("| in context | book tokens | exact match | chrF |"), eval.out());
        String sampled = figures.path("samples").path("condition").asText();
        int fullest = -1;
        String fullestName = null;
        for (JsonNode c : conditions) {
            if (c.path("words").asBoolean() && c.path("grammar").asBoolean() && c.path("longest_prompt").asInt() <= 256
                    && c.path("examples").asInt() > fullest) {
                fullest = c.path("examples").asInt();
                fullestName = c.path("name").asText();
            }
        }
        assertEquals(fullestName, sampled, "samples come from the fullest word list + grammar condition within the trained "
                + "256 tokens");
        assertTrue(eval.out().contains("Greedy translations with " + sampled + " in context:"), eval.out());
        assertTrue(Files.exists(run.resolve("plots/translation.png")));
        assertTrue(Files.readString(run.resolve("report.md")).contains("## In-context translation"));

        CliRunner tooLong = CliRunner.run("eval", run.toString(), "--suite", "translation", "--set", "model.context=300",
                "--set", "long_context.max_length=300", "--set", "long_context.min_length=64", "--tag", "short");
        assertEquals(2, tooLong.exit());
        assertTrue(tooLong.err().contains("tokens (book, test sentence and its translation) but model.context allows 300"),
                tooLong.err());
        assertTrue(Files.notExists(run.resolve("eval/translation-short.json")));
    }

    @Test
    void impossibleGeneratorSettingsAreConfigErrorsNamingTheKey() throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, CONFIG.formatted("").replace("\"nouns\": 6", "\"nouns\": 30"));
        CliRunner tooMany = CliRunner.run("run", bad.toString(), "--out", dir.resolve("none").toString());
        assertEquals(2, tooMany.exit());
        assertTrue(tooMany.err().contains("languages.nouns = 30 is not allowed; must be 2 to 20 (the English nouns there are)"),
                tooMany.err());
        Files.writeString(bad, CONFIG.formatted("").replace("\"ablation_examples\": 2", "\"ablation_examples\": 0"));
        CliRunner noExamples = CliRunner.run("run", bad.toString(), "--out", dir.resolve("none").toString());
        assertEquals(2, noExamples.exit());
        assertTrue(noExamples.err().contains("languages.ablation_examples = 0 is not allowed; must be >= 1"), noExamples.err());
        assertTrue(Files.notExists(dir.resolve("none")));
    }
}
