package io.jemini.eval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.training.MetricsLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real child JVM is killed with SIGKILL in the middle of training; the run resumed from its
 * last complete checkpoint then logs exactly the losses of an uninterrupted run.
 */
class KillAndResumeTest {
    @TempDir
    Path dir;

    private static final String CONFIG = """
            {"name": "killme", "seed": 77,
             "data": {"source": "markov", "markov_vocab": 12, "markov_branching": 2},
             "model": {"dim": 32, "layers": 2, "heads": 2, "hidden": 64, "seq_len": 24},
             "train": {"steps": 400, "batch_size": 4, "lr": 0.005, "warmup_steps": 10, "log_every": 1, "eval_every": 50,
                       "checkpoint_every": 25, "keep_last": 2},
             "eval": {"batches": 2, "samples": 1, "sample_tokens": 8}}
            """;

    @Test
    void resumedRunMatchesAnUninterruptedOne() throws Exception {
        Path config = dir.resolve("kill.json");
        List<String> expected = uninterrupted(config);

        Path killed = dir.resolve("killed");
        Process child = new ProcessBuilder(ChildJvm.command("run", config.toString(), "--out", killed.toString(), "--threads", "1"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        Path run = waitForCheckpoints(killed, child, 3);
        child.destroyForcibly();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertTrue(!Files.exists(run.resolve("results.json")), "the child was killed before finishing");
        int logged = MetricsLog.read(run.resolve("metrics.jsonl")).size();
        assertTrue(logged < expected.size(), "killed mid-run: " + logged + " of " + expected.size() + " records");

        CliRunner resumed = CliRunner.run("resume", run.toString(), "--threads", "3");
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(expected, trajectory(run));
        assertTrue(Files.exists(run.resolve("report.md")));
    }

    @Test
    void sigtermWritesACheckpointAfterTheCurrentStepAndASecondWriterIsRefused() throws Exception {
        Path config = dir.resolve("term.json");
        List<String> expected = uninterrupted(config);

        Path stopped = dir.resolve("stopped");
        Path log = dir.resolve("term.log");
        Process child = new ProcessBuilder(ChildJvm.command("run", config.toString(), "--out", stopped.toString(), "--threads", "1"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path run = waitForCheckpoints(stopped, child, 3);

        CliRunner second = CliRunner.run("resume", run.toString());
        assertEquals(1, second.exit(), second.err());
        assertTrue(second.err().contains("is being written by another run (process " + child.pid() + ")"), second.err());

        child.destroy();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        String out = Files.readString(log);
        assertEquals(143, child.exitValue(), out);
        assertTrue(out.contains("continue with: scripts/jemini resume " + run), out);
        long lastLogged = MetricsLog.read(run.resolve("metrics.jsonl")).stream().mapToLong(r -> r.path("step").asLong()).max()
                .orElseThrow();
        try (Stream<Path> c = Files.list(run.resolve("checkpoints"))) {
            long newest = c.map(p -> p.getFileName().toString()).filter(n -> n.matches("step-\\d{8}"))
                    .mapToLong(n -> Long.parseLong(n.substring(5))).max().orElseThrow();
            assertEquals(lastLogged, newest, "the checkpoint is of the last step that ran (log_every is 1)");
        }

        CliRunner resumed = CliRunner.run("resume", run.toString(), "--threads", "2");
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(expected, trajectory(run));
    }

    /** Writes the config to {@code config} and returns the trajectory of a run of it that nothing interrupts. */
    private List<String> uninterrupted(Path config) throws Exception {
        Files.writeString(config, CONFIG);
        Path full = dir.resolve("full-" + config.getFileName());
        assertEquals(0, CliRunner.run("run", config.toString(), "--out", full.toString(), "--threads", "2").exit());
        return trajectory(RunDirs.only(full));
    }

    /** Every logged step's loss, learning rate, gradient norm and validation loss, as exact text. */
    private static List<String> trajectory(Path run) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : MetricsLog.read(run.resolve("metrics.jsonl"))) {
            out.add(r.path("step") + " " + r.path("loss") + " " + r.path("lr") + " " + r.path("grad_norm") + " " + r.path("val_loss"));
        }
        return out;
    }

    /** Waits until {@code count} checkpoints of the child's run exist, then returns the run directory. */
    private static Path waitForCheckpoints(Path parent, Process child, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            assertTrue(child.isAlive(), "the child exited before it could be killed");
            if (Files.isDirectory(parent)) {
                try (Stream<Path> s = Files.list(parent)) {
                    for (Path run : s.toList()) {
                        Path ckpts = run.resolve("checkpoints");
                        if (Files.isDirectory(ckpts)) {
                            try (Stream<Path> c = Files.list(ckpts)) {
                                if (c.filter(p -> p.getFileName().toString().startsWith("step-")).count() >= count - 1
                                        && Files.exists(ckpts.resolve("step-00000075"))) {
                                    return run;
                                }
                            }
                        }
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no checkpoint appeared within 3 minutes");
    }
}
