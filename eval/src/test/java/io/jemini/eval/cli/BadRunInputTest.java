package io.jemini.eval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.config.ConfigReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Non-finite losses, damaged checkpoints and bad run directories: a clear message, an exit code, nothing lost. */
class BadRunInputTest {
    @TempDir
    Path dir;

    private Path config(String extraTrain) throws IOException {
        Path f = dir.resolve("c" + Integer.toHexString(extraTrain.hashCode()) + ".json");
        Files.writeString(f, RunCommandTest.SMALL.replace("\"checkpoint_every\": 3}", "\"checkpoint_every\": 2" + extraTrain + "}")
                .replace("\"steps\": 6", "\"steps\": 8"));
        return f;
    }

    @Test
    void aNonFiniteLossStopsNamingTheStepAndKeepsCheckpoints() throws IOException {
        Path out = dir.resolve("nan");
        CliRunner r = CliRunner.run("run", config("").toString(), "--out", out.toString(), "--set", "train.lr=1e30",
                "--set", "train.min_lr=1e30", "--set", "train.warmup_steps=0");
        assertEquals(1, r.exit());
        assertTrue(r.err().matches("(?s)jemini run: step \\d+: the loss is (NaN|Infinity|-Infinity).*training stopped.*\\n"),
                r.err());
        Path run = RunDirs.only(out);
        assertFalse(Files.exists(run.resolve("results.json")));
        assertTrue(Files.exists(run.resolve("config.json")) && Files.exists(run.resolve("metrics.jsonl")));
    }

    @Test
    void skipModeCountsTheSkippedSteps() throws IOException {
        Path out = dir.resolve("skip");
        CliRunner r = CliRunner.run("run", config("").toString(), "--out", out.toString(), "--set", "train.lr=1e30",
                "--set", "train.min_lr=1e30", "--set", "train.warmup_steps=0", "--set", "train.non_finite=skip");
        assertEquals(0, r.exit(), r.err());
        long skipped = ConfigReader.readTree(RunDirs.only(out).resolve("results.json")).path("skipped_steps").asLong();
        assertTrue(skipped > 0, "skipped " + skipped);
    }

    @Test
    void aTruncatedCheckpointIsNamedAndNothingChanges() throws IOException {
        Path out = dir.resolve("trunc");
        assertEquals(0, CliRunner.run("run", config("").toString(), "--out", out.toString()).exit());
        Path run = RunDirs.only(out);
        Path model = run.resolve("checkpoints/step-00000008/model.safetensors");
        try (RandomAccessFile f = new RandomAccessFile(model.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        byte[] metrics = Files.readAllBytes(run.resolve("metrics.jsonl"));
        byte[] results = Files.readAllBytes(run.resolve("results.json"));
        CliRunner r = CliRunner.run("resume", run.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("step-00000008: model.safetensors has") && r.err().contains("(truncated or replaced)"),
                r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(java.util.Arrays.equals(metrics, Files.readAllBytes(run.resolve("metrics.jsonl"))));
        assertTrue(java.util.Arrays.equals(results, Files.readAllBytes(run.resolve("results.json"))));
        CliRunner eval = CliRunner.run("eval", run.resolve("checkpoints/step-00000006").toString());
        assertEquals(0, eval.exit(), eval.err());
        assertTrue(eval.out().contains("validation loss"), eval.out());
    }

    @Test
    void notARunDirectory() {
        CliRunner r = CliRunner.run("resume", dir.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains(dir + " is not a run directory (no config.json)"), r.err());
    }
}
