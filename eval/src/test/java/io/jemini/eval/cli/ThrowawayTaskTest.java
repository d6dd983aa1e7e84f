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

/**
 * A task defined only in the test sources ({@code io.jemini.eval.tasks.LinearMapTask}, registered
 * as a service there) runs, resumes, evaluates, reports and sweeps through the same commands as
 * the built-in tasks: adding a task touches no command.
 */
class ThrowawayTaskTest {
    @TempDir
    Path dir;

    private Path config(String json) throws IOException {
        Path config = dir.resolve("fit-" + Math.abs(json.hashCode()) + ".json");
        Files.writeString(config, json);
        return config;
    }

    @Test
    void runsResumesEvaluatesAndReports() throws IOException {
        Path out = dir.resolve("runs");
        CliRunner r = CliRunner.run("run", config("{\"task\": \"linear-map\", \"name\": \"fit\"}").toString(), "--out",
                out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("samples/s") || r.out().contains("held-out MSE"), r.out());
        Path run = RunDirs.only(out);
        JsonNode results = ConfigReader.readTree(run.resolve("results.json"));
        assertTrue(results.path("weight_error").asDouble() < 0.1, "40 Adam steps fit the map: " + results);
        assertEquals(40 * 16, results.path("samples_seen").asLong());
        assertEquals("a random linear map 6 -> 3", results.path("data").asText());
        String report = Files.readString(run.resolve("report.md"));
        assertTrue(report.contains("## Fit") && report.contains("| weight error |"), report);

        List<String> expected = trajectory(run);
        assertEquals(2, MetricsLog.read(run.resolve("metrics.jsonl")).stream().filter(m -> m.has("val_mse")).count(),
                "validated every train.eval_every = 20 steps");
        RunDirs.deleteTree(run.resolve("checkpoints/step-00000040"));
        RunDirs.deleteTree(run.resolve("checkpoints/step-00000030"));
        CliRunner resumed = CliRunner.run("resume", run.toString());
        assertEquals(0, resumed.exit(), resumed.err());
        assertTrue(resumed.out().contains("from step-00000020"), resumed.out());
        assertEquals(expected, trajectory(run), "resumed from step 20, the losses repeat bit for bit");
        assertEquals(results.path("weight_error"), ConfigReader.readTree(run.resolve("results.json")).path("weight_error"));

        CliRunner eval = CliRunner.run("eval", run.resolve("checkpoints/step-00000040/model.safetensors").toString());
        assertEquals(0, eval.exit(), eval.err());
        assertTrue(eval.out().startsWith(String.format(java.util.Locale.ROOT, "weight error %.6f%n",
                results.path("weight_error").asDouble())), eval.out());
        JsonNode stored = ConfigReader.readTree(run.resolve("eval/fit.json"));
        assertEquals(results.path("weight_error"), stored.path("weight_error"), "stored at full precision");
        assertEquals(40, stored.path("step").asInt());
        assertEquals("checkpoints/step-00000040", stored.path("checkpoint").asText());
        Files.delete(run.resolve("report.md"));
        assertEquals(0, CliRunner.run("report", run.toString()).exit());
        assertTrue(Files.readString(run.resolve("report.md")).contains("## Fit"));

        CliRunner generate = CliRunner.run("generate", run.toString(), "--prompt", "x");
        assertNotEquals(0, generate.exit());
        assertTrue(generate.err().contains("task linear-map does not generate"), generate.err());
    }

    @Test
    void sweepsSummariseTheTasksOwnResults() throws IOException {
        Path out = dir.resolve("sweeps");
        CliRunner r = CliRunner.run("run", config("{\"task\": \"linear-map\", \"name\": \"fit\"}").toString(), "--out",
                out.toString(), "--sweep", "seed=1,2", "--set", "train.steps=10");
        assertEquals(0, r.exit(), r.err());
        String summary = Files.readString(RunDirs.only(out).resolve("summary.md"));
        assertTrue(summary.contains("| val mse | weight error |") && summary.contains("## Mean ± std over seeds"), summary);
    }

    @Test
    void theNonFinitePolicyHoldsForEveryTask() throws IOException {
        Path skip = dir.resolve("skip");
        CliRunner skipped = CliRunner.run("run", config("{\"task\": \"linear-map\", \"name\": \"fit\", \"data\": "
                + "{\"poison_step\": 5}, \"train\": {\"non_finite\": \"skip\"}}").toString(), "--out", skip.toString());
        assertEquals(0, skipped.exit(), skipped.err());
        assertTrue(skipped.out().contains("step 5: loss NaN"), skipped.out());
        assertEquals(1, ConfigReader.readTree(RunDirs.only(skip).resolve("results.json")).path("skipped_steps").asLong());

        Path stop = dir.resolve("stop");
        CliRunner stopped = CliRunner.run("run", config("{\"task\": \"linear-map\", \"name\": \"fit\", \"data\": "
                + "{\"poison_step\": 5}}").toString(), "--out", stop.toString());
        assertNotEquals(0, stopped.exit());
        assertTrue(stopped.err().contains("step 5: the loss is NaN") && stopped.err().contains("train.non_finite=skip"),
                stopped.err());
    }

    @Test
    void anUnknownTaskListsTheRegisteredOnes() throws IOException {
        CliRunner r = CliRunner.run("run", config("{\"task\": \"nope\"}").toString(), "--out", dir.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("task = nope is not allowed; allowed: linear-map, lm, multimodal, sparc"), r.err());
    }

    private static List<String> trajectory(Path run) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : MetricsLog.read(run.resolve("metrics.jsonl"))) {
            out.add(r.path("step") + " " + r.path("loss") + " " + r.path("grad_norm") + " " + r.path("val_mse"));
        }
        return out;
    }
}
