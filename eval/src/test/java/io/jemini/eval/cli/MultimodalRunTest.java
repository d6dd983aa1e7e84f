package io.jemini.eval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

/** A small multimodal run (dense and MoE) trains, resumes exactly, evaluates and reports through the common commands. */
class MultimodalRunTest {
    @TempDir
    Path dir;

    private static final String CONFIG = """
            {"task": "multimodal", "name": "tiny-mm", "seed": 4,
             "model": {"dim": 16, "layers": 1, "heads": 2, "hidden": 32, "seq_len": 48},
             "moe": {"enabled": %s, "experts": 4, "top_k": 2, "hidden": 16},
             "train": {"steps": 6, "batch_size": 2, "warmup_steps": 1, "log_every": 1, "eval_every": 3,
                       "checkpoint_every": 2, "keep_last": 4},
             "eval": {"batches": 1, "questions": 4, "frames": 2, "lengths": 2, "depths": 2, "haystacks": 1}}
            """;

    private Path run(boolean moe) throws IOException {
        Path config = dir.resolve("mm-" + moe + ".json");
        Files.writeString(config, CONFIG.formatted(moe));
        Path out = dir.resolve("runs-" + moe);
        CliRunner r = CliRunner.run("run", config.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        return RunDirs.only(out);
    }

    @Test
    void trainsResumesEvaluatesAndReports() throws IOException {
        Path run = run(false);
        JsonNode results = ConfigReader.readTree(run.resolve("results.json"));
        for (String key : new String[] {"val_loss", "test_loss_held_out", "qa_colour_seen", "qa_left_held_out", "qa_seen",
            "chance_count", "positions_per_s"}) {
            assertTrue(results.path(key).isNumber(), key + " in " + results);
        }
        assertEquals(6L * 2 * 48, results.path("positions_seen").asLong());
        assertTrue(Files.readString(run.resolve("report.md")).contains("## Question answering"));

        List<String> expected = trajectory(run);
        RunDirs.deleteTree(run.resolve("checkpoints/step-00000006"));
        CliRunner resumed = CliRunner.run("resume", run.toString());
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(expected, trajectory(run), "resumed from step 4, the losses repeat bit for bit");

        CliRunner qa = CliRunner.run("eval", run.toString(), "--suite", "qa");
        assertEquals(0, qa.exit(), qa.err());
        assertTrue(qa.out().startsWith("| question | seen | held-out | chance |"), qa.out());
        assertEquals(results.path("qa_seen"), ConfigReader.readTree(run.resolve("eval/qa.json")).path("qa_seen"));

        CliRunner needles = CliRunner.run("eval", run.toString(), "--suite", "needle-frames");
        assertEquals(0, needles.exit(), needles.err());
        JsonNode grid = ConfigReader.readTree(run.resolve("eval/needle-frames.json"));
        assertEquals(2, grid.path("cells").size());
        assertEquals(2, grid.path("cells").get(0).size());
        assertTrue(grid.path("recall").asDouble() >= 0 && grid.path("recall").asDouble() <= 1);
        assertEquals(0.001, grid.path("chance").asDouble(), 1e-12);
        assertTrue(Files.readString(run.resolve("report.md")).contains("## Needle frame in a haystack"));

        CliRunner generate = CliRunner.run("generate", run.toString(), "--prompt", "what");
        assertNotEquals(0, generate.exit());
        assertTrue(generate.err().contains("task multimodal does not generate"), generate.err());
    }

    @Test
    void theMixtureOfExpertsDecoderReadsImagesToo() throws IOException {
        Path run = run(true);
        List<JsonNode> metrics = MetricsLog.read(run.resolve("metrics.jsonl"));
        assertTrue(metrics.stream().anyMatch(m -> m.path("layers").has("blocks.0.ffn")), "routing figures are logged");
        assertTrue(ConfigReader.readTree(run.resolve("results.json")).path("qa_seen").isNumber());
    }

    @Test
    void aSequenceTooShortForAnImageIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path config = dir.resolve("short.json");
        Files.writeString(config, "{\"task\": \"multimodal\", \"model\": {\"seq_len\": 30}}");
        CliRunner r = CliRunner.run("run", config.toString(), "--out", dir.resolve("none").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("model.seq_len = 30 is not allowed; must hold one image (18 positions with its "
                + "markers) and its longest text (24 words): at least 42"), r.err());
        assertTrue(Files.notExists(dir.resolve("none")));
    }

    private static List<String> trajectory(Path run) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : MetricsLog.read(run.resolve("metrics.jsonl"))) {
            out.add(r.path("step") + " " + r.path("loss") + " " + r.path("grad_norm") + " " + r.path("val_loss"));
        }
        return out;
    }
}
