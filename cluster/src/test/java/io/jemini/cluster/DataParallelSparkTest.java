package io.jemini.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.testing.RunFiles;
import io.jemini.eval.cli.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data-parallel training in local[N]: 2 and 4 workers log the losses and reach the results of one
 * worker, bit for bit; a worker killed with SIGKILL mid-run makes the gang start again from the
 * newest checkpoint, and the run still ends with the uninterrupted losses.
 */
class DataParallelSparkTest {
    @TempDir
    Path dir;

    private static final String CONFIG = """
            {"name": "dp", "seed": 9,
             "model": {"dim": 32, "layers": 2, "heads": 2, "hidden": 64, "seq_len": 16},
             "moe": {"enabled": true, "experts": 4, "top_k": 2, "hidden": 32, "bias_update": 0.01},
             "train": {"steps": STEPS, "batch_size": 8, "micro_batches": 4, "workers": WORKERS, "warmup_steps": 2,
                       "log_every": 1, "eval_every": 10, "checkpoint_every": 10, "keep_last": 3},
             "eval": {"batches": 1, "samples": 1, "sample_tokens": 8}}
            """;

    private Path config(String name, int steps, int workers) throws IOException {
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, CONFIG.replace("STEPS", Integer.toString(steps)).replace("WORKERS", Integer.toString(workers)));
        return file;
    }

    private static String validation(Path run) {
        return io.jemini.engine.config.ConfigReader.readTree(run.resolve("results.json")).path("val_loss").toString();
    }

    @Test
    void twoAndFourWorkersTrainTheBitsOfOne() throws IOException {
        CliRunner one = CliRunner.run("run", config("one", 20, 1).toString(), "--out", dir.resolve("one").toString());
        assertEquals(0, one.exit(), one.err());
        Path reference = RunFiles.onlyDirectory(dir.resolve("one"));
        for (int workers : new int[] {2, 4}) {
            Path out = dir.resolve("w" + workers);
            CliRunner r = CliRunner.run("run", config("w" + workers, 20, workers).toString(), "--out", out.toString(), "--cluster",
                    "local[" + workers + "]");
            assertEquals(0, r.exit(), r.out() + r.err());
            Path run = RunFiles.onlyDirectory(out);
            assertEquals(RunFiles.metricsWithoutTiming(reference), RunFiles.metricsWithoutTiming(run), workers + " workers: the same metrics, bit for bit");
            assertEquals(validation(reference), validation(run));
            assertTrue(Files.exists(run.resolve("report.md")) && Files.exists(run.resolve("workers/rank-" + (workers - 1) + ".log")));
        }
    }

    @Test
    void aKilledWorkerMakesTheGangResumeFromTheNewestCheckpoint() throws Exception {
        CliRunner straight = CliRunner.run("run", config("straight", 400, 1).toString(), "--out", dir.resolve("straight").toString());
        assertEquals(0, straight.exit(), straight.err());
        List<String> expected = RunFiles.metricsWithoutTiming(RunFiles.onlyDirectory(dir.resolve("straight")));

        Path out = dir.resolve("killed");
        Path config = config("killed", 400, 2);
        CompletableFuture<CliRunner> running = CompletableFuture.supplyAsync(() -> CliRunner.run("run", config.toString(),
                "--out", out.toString(), "--cluster", "local[2]"));
        ProcessHandle victim = waitForWorker("--rank", "1", out, running);
        assertTrue(victim.destroyForcibly());
        CliRunner r = running.get(5, TimeUnit.MINUTES);
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("starting them again from the checkpoint of step"), r.out());
        assertEquals(expected, RunFiles.metricsWithoutTiming(RunFiles.onlyDirectory(out)), "the resumed gang logs the uninterrupted losses, each step once");
    }

    /** The worker process with these arguments, once its run has written its second checkpoint. */
    private static ProcessHandle waitForWorker(String flag, String value, Path out, CompletableFuture<CliRunner> running)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (running.isDone()) {
                throw new AssertionError("the run ended (exit " + running.join().exit() + ") before a worker could be "
                        + "killed: " + running.join().out() + running.join().err());
            }
            if (Files.isDirectory(out) && checkpoints(out) >= 2) {
                Optional<ProcessHandle> worker = ProcessHandle.current().descendants().filter(p -> {
                    List<String> args = commandLine(p);
                    int at = args.indexOf(flag);
                    return args.contains("worker") && at >= 0 && at + 1 < args.size() && args.get(at + 1).equals(value);
                }).findFirst();
                if (worker.isPresent()) {
                    return worker.get();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no worker " + flag + " " + value + " appeared");
    }

    /** A process's command line from /proc (ProcessHandle.Info leaves out the arguments of long command lines). */
    private static List<String> commandLine(ProcessHandle p) {
        try {
            return List.of(Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")).split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static long checkpoints(Path out) throws IOException {
        try (Stream<Path> runs = Files.list(out)) {
            Path run = runs.filter(Files::isDirectory).findFirst().orElse(null);
            if (run == null || !Files.isDirectory(run.resolve("checkpoints"))) {
                return 0;
            }
            try (Stream<Path> c = Files.list(run.resolve("checkpoints"))) {
                return c.filter(p -> Files.exists(p.resolve("state.json"))).count();
            }
        }
    }
}
