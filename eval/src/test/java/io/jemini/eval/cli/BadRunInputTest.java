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
    void dataParallelSettingsThatCannotWorkAreOneLineAndNothingIsWritten() throws IOException {
        Path out = dir.resolve("dp");
        Path c = config("");
        CliRunner noCluster = CliRunner.run("run", c.toString(), "--out", out.toString(), "--set", "train.micro_batches=2",
                "--set", "train.workers=2");
        assertEquals(2, noCluster.exit());
        assertTrue(noCluster.err().startsWith("jemini run: train.workers = 2 trains with 2 data-parallel workers, which run "
                + "on a cluster: add --cluster local[2]"), noCluster.err());
        CliRunner uneven = CliRunner.run("run", c.toString(), "--out", out.toString(), "--set", "train.micro_batches=2",
                "--set", "train.workers=3");
        assertEquals(2, uneven.exit());
        assertTrue(uneven.err().contains("train.workers = 3 is not allowed; must divide train.micro_batches (2)"), uneven.err());
        CliRunner slices = CliRunner.run("run", c.toString(), "--out", out.toString(), "--set", "train.micro_batches=3");
        assertEquals(2, slices.exit());
        assertTrue(slices.err().contains("train.micro_batches = 3 is not allowed; must divide train.batch_size (2)"),
                slices.err());
        CliRunner bucket = CliRunner.run("run", c.toString(), "--out", "s3a://bucket/runs");
        assertEquals(2, bucket.exit());
        assertTrue(bucket.err().contains("object-store URIs are not supported"), bucket.err());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(Path.of("s3a:")));
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
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(dir + " is not a run directory (no config.json)"), r.err());
        CliRunner missing = CliRunner.run("eval", dir.resolve("nowhere").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("nowhere does not exist or is not a directory"), missing.err());
    }

    /** One usage error each: exit 2 and one line naming what was wrong. */
    private static void usage(String expected, String... args) {
        CliRunner r = CliRunner.run(args);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void usageErrorsExitTwoWithOneLine() throws IOException {
        String cfg = config("").toString();
        usage("--sweep train.lr=, has no values", "run", cfg, "--sweep", "train.lr=,");
        usage("--sweep train.lr value '' is not allowed", "run", cfg, "--sweep", "train.lr=0.1,,0.2");
        usage("is a directory; give the path of a JSON config file", "run", dir.toString());
        usage("train.warmup_steps = 30 is not allowed; must be between 0 and train.steps (8); with fewer steps lower it too, "
                + "e.g. --set train.warmup_steps=0", "run", cfg, "--set", "train.warmup_steps=30");
        usage("eval.prompt = hello is not allowed; needs text data", "run", cfg, "--set", "eval.prompt=hello");
        usage("--temperature a finite number >= 0", "generate", dir.toString(), "--prompt", "1", "--temperature", "NaN");
        usage("--temperature a finite number >= 0", "generate", dir.toString(), "--prompt", "1", "--temperature", "Infinity");
        usage("--set train.lr=NaN is not allowed", "run", cfg, "--set", "train.lr=NaN");
        usage("jemini run: --threads=0 is not allowed", "run", cfg, "--threads", "0");
        usage("jemini run: Missing required parameter: 'CONFIG' (see 'jemini run --help')", "run");
        usage("jemini run: Unknown option: '--bogus'", "run", cfg, "--bogus");
        usage("jemini bench: unknown benchmark 'nope'; allowed: matmul", "bench", "nope");
        usage("jemini bench matmul: --backend opencl does not apply: this benchmark measures the jvm backend's kernels",
                "bench", "matmul", "--backend", "opencl");
        usage("jemini: Unmatched argument at index 0: 'launch'", "launch");
        usage("jemini op: --in " + dir.resolve("absent.safetensors") + " is not a file", "op", "silu", "--in",
                dir.resolve("absent.safetensors").toString(), "--out", dir.resolve("o.safetensors").toString());
    }

    @Test
    void setOnASweptKeyRunsThatOnePoint() throws IOException {
        Path sweep = dir.resolve("swept.json");
        Files.writeString(sweep, RunCommandTest.SMALL.replace("\"eval\":", "\"sweep\": {\"train.lr\": [0.01, 0.02]}, \"eval\":"));
        Path out = dir.resolve("one");
        CliRunner r = CliRunner.run("run", sweep.toString(), "--out", out.toString(), "--set", "train.lr=0.005");
        assertEquals(0, r.exit(), r.err());
        Path run = RunDirs.only(out);
        assertTrue(Files.exists(run.resolve("results.json")), "a single run, not a sweep: " + run);
        assertEquals(0.005, ConfigReader.readTree(run.resolve("config.json")).path("train").path("lr").asDouble());
    }
}
