package io.jemini.eval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.config.ConfigReader;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jemini eval} stores its figures at full precision, takes a checkpoint file, and keeps earlier figures. */
class EvalFiguresTest {
    @TempDir
    Path dir;

    @Test
    void figuresAreStoredAtFullPrecision() throws IOException {
        Path run = RunDirs.trainedSmall(dir);
        JsonNode results = ConfigReader.readTree(run.resolve("results.json"));

        CliRunner eval = CliRunner.run("eval", run.resolve("checkpoints/step-00000006/state.json").toString());
        assertEquals(0, eval.exit(), eval.err());
        assertTrue(eval.out().startsWith("validation loss "), eval.out());
        JsonNode lm = ConfigReader.readTree(run.resolve("eval/lm.json"));
        assertEquals(results.path("val_loss").asDouble(), lm.path("val_loss").asDouble(), 0.0,
                "the same checkpoint and windows give the training run's figure, to the last bit");
        assertEquals(results.path("test_loss").asDouble(), lm.path("test_loss").asDouble(), 0.0);
        assertEquals(6, lm.path("step").asInt());
        assertEquals("lm", lm.path("suite").asText());

        CliRunner untagged = CliRunner.run("eval", run.toString(), "--set", "eval.batches=2");
        assertEquals(2, untagged.exit());
        assertTrue(untagged.err().contains("--set changes the evaluation, so it needs --tag NAME"), untagged.err());
        CliRunner earlier = CliRunner.run("eval", run.resolve("checkpoints/step-00000003").toString(), "--tag", "step3");
        assertEquals(0, earlier.exit(), earlier.err());
        JsonNode step3 = ConfigReader.readTree(run.resolve("eval/lm-step3.json"));
        assertEquals(3, step3.path("step").asInt());
        assertFalse(step3.path("val_loss").equals(lm.path("val_loss")), "another checkpoint, another figure");
        assertEquals(lm, ConfigReader.readTree(run.resolve("eval/lm.json")), "the untagged figures are kept");
    }
}
