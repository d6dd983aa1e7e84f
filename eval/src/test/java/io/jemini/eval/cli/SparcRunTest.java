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

/** A small SPARC run end to end: run directory, every evaluation figure, report, and exact resume. */
class SparcRunTest {
    @TempDir
    Path dir;

    private static final String CONFIG = """
            {"task": "sparc", "name": "tiny-sparc", "seed": 9,
             "data": {"max_objects": 2, "distractor_rate": 0.3},
             "model": {"width": 16, "layers": 1, "heads": 2, "hidden": 32, "shared": 8, "patch": 8},
             "train": {"steps": 6, "batch_size": 4, "warmup_steps": 1, "log_every": 1, "checkpoint_every": 2, "keep_last": 3},
             "eval": {"pairs": 12}}
            """;

    @Test
    void runsEvaluatesAndResumesExactly() throws IOException {
        Path config = dir.resolve("sparc.json");
        Files.writeString(config, CONFIG);
        CliRunner r = CliRunner.run("run", config.toString(), "--out", dir.resolve("runs").toString());
        assertEquals(0, r.exit(), r.err());
        Path run = RunDirs.only(dir.resolve("runs"));
        JsonNode results = ConfigReader.readTree(run.resolve("results.json"));
        for (String key : new String[] {"zero_shot_seen", "zero_shot_held_out", "zero_shot_colour_seen", "zero_shot_shape_held_out", "binding_seen", "binding_held_out", "i2t_r1_seen",
                "i2t_r5_seen", "t2i_r1_held_out", "pointing_seen", "pointing_chance_seen", "grouping_precision_seen",
                "segmentation_miou_seen", "segmentation_miou_held_out", "pointing_least_similar_seen",
                "pointing_largest_magnitude_seen", "weight_background_seen", "shared_direction_seen"}) {
            assertTrue(results.path(key).isNumber(), key + " in " + results);
            double v = results.path(key).asDouble();
            assertTrue(v >= 0 && v <= 1, key + " = " + v);
        }
        for (String key : new String[] {"similarity_item_seen", "similarity_background_seen", "patches_kept_seen"}) {
            assertTrue(results.path(key).isNumber(), key + " in " + results);
        }
        JsonNode vocabulary = ConfigReader.readTree(run.resolve("tokenizer.json"));
        assertEquals("<pad>", vocabulary.path("words").get(0).asText());
        assertEquals("words", vocabulary.path("kind").asText());
        assertTrue(Files.readString(run.resolve("report.md")).contains("zero shot seen"));
        assertTrue(Files.exists(run.resolve("plots/alignment.png")));
        List<String> expected = trajectory(run);
        RunDirs.deleteTree(run.resolve("checkpoints/step-00000006"));
        CliRunner resumed = CliRunner.run("resume", run.toString(), "--threads", "1");
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(expected, trajectory(run));
        CliRunner eval = CliRunner.run("eval", run.toString());
        assertEquals(0, eval.exit(), eval.err());
        assertTrue(eval.out().contains("pointing_seen"), "the task's first suite is the default: " + eval.out());
        CliRunner wrong = CliRunner.run("eval", run.toString(), "--suite", "niah");
        assertEquals(2, wrong.exit());
        assertTrue(wrong.err().contains("suite 'niah' does not apply to") && wrong.err().contains("(task sparc); allowed: sparc"),
                wrong.err());
    }

    private static List<String> trajectory(Path run) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : MetricsLog.read(run.resolve("metrics.jsonl"))) {
            out.add(r.path("step") + " " + r.path("loss") + " " + r.path("grad_norm") + " " + r.path("logit_scale"));
        }
        return out;
    }
}
