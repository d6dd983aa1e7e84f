package io.jemini.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.engine.testing.RunFiles;
import io.jemini.eval.cli.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep run as Spark tasks in local[2] gives every point the metrics of the in-process sweep, bit
 * for bit; a rerun skips finished points and resumes interrupted ones; failures and an unreachable
 * master are reported in one line.
 */
class SparkSweepTest {
    @TempDir
    Path dir;

    private static final String CONFIG = """
            {"name": "sw", "seed": 3,
             "model": {"dim": 16, "layers": 1, "heads": 2, "hidden": 32, "seq_len": 16},
             "train": {"steps": 6, "batch_size": 2, "warmup_steps": 1, "log_every": 1, "eval_every": 3, "checkpoint_every": 2,
                       "keep_last": 3},
             "eval": {"batches": 1, "samples": 0},
             "sweep": {"seed": [1, 2], "model.layers": [1, 2]}}
            """;

    private static Path point(Path sweep, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(sweep)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
        }
    }

    @Test
    void aSweepOnSparkMatchesTheInProcessSweepAndARerunContinuesIt() throws IOException {
        Path config = dir.resolve("sw.json");
        Files.writeString(config, CONFIG);
        CliRunner local = CliRunner.run("run", config.toString(), "--out", dir.resolve("local").toString());
        assertEquals(0, local.exit(), local.err());
        CliRunner spark = CliRunner.run("run", config.toString(), "--out", dir.resolve("shared").toString(), "--cluster", "local[2]");
        assertEquals(0, spark.exit(), spark.err());
        assertTrue(spark.out().contains("0 of 4 points already done; running 4 on local[2]"), spark.out());
        Path localSweep = RunFiles.onlyDirectory(dir.resolve("local"));
        Path sparkSweep = dir.resolve("shared/sw-sweep");
        for (String p : List.of("sw-seed=1_layers=1", "sw-seed=1_layers=2", "sw-seed=2_layers=1", "sw-seed=2_layers=2")) {
            Path fromSpark = sparkSweep.resolve(p);
            assertEquals(RunFiles.metricsWithoutTiming(point(localSweep, p + "-")), RunFiles.metricsWithoutTiming(fromSpark), p + ": the same metrics, bit for bit");
            assertTrue(Files.exists(fromSpark.resolve("report.md")) && Files.exists(fromSpark.resolve("point.log")));
        }
        String summary = Files.readString(sparkSweep.resolve("summary.md"));
        assertTrue(summary.contains("| all | 4 |") || summary.contains("seeds"), summary);

        Path interrupted = sparkSweep.resolve("sw-seed=2_layers=2");
        List<String> expected = RunFiles.metricsWithoutTiming(interrupted);
        Files.delete(interrupted.resolve("results.json"));
        deleteTree(interrupted.resolve("checkpoints/step-00000006"));
        CliRunner again = CliRunner.run("run", config.toString(), "--out", dir.resolve("shared").toString(), "--cluster", "local[2]");
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("3 of 4 points already done; running 1 on local[2]"), again.out());
        assertEquals(expected, RunFiles.metricsWithoutTiming(interrupted), "the interrupted point resumed from step 4 to the same losses");
        assertTrue(Files.readString(interrupted.resolve("point.log")).contains("resuming"));

        Files.writeString(config, CONFIG.replace("\"seed\": [1, 2]", "\"seed\": [1, 5]"));
        CliRunner different = CliRunner.run("run", config.toString(), "--out", dir.resolve("shared").toString(), "--cluster", "local[2]");
        assertEquals(2, different.exit());
        assertTrue(different.err().contains("holds a different sweep (see its sweep.json)"), different.err());
    }

    @Test
    void aFailedPointIsMarkedAndTheOthersFinish() throws IOException {
        Path good = dir.resolve("good.jsonl");
        Files.writeString(good, "{\"text\": \"The river ran past the old mill. A farmer watched from his porch.\"}\n".repeat(40));
        Path config = dir.resolve("text.json");
        Files.writeString(config, CONFIG.replace("\"sweep\": {\"seed\": [1, 2], \"model.layers\": [1, 2]}",
                "\"data\": {\"source\": \"text\", \"vocab_size\": 300, \"val_fraction\": 0.3, \"test_fraction\": 0.3}, "
                        + "\"sweep\": {\"data.path\": [\"" + good + "\", \"" + dir.resolve("missing.txt") + "\"]}"));
        CliRunner r = CliRunner.run("run", config.toString(), "--out", dir.resolve("shared").toString(), "--cluster", "local[2]");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("1 of 2 sweep points failed"), r.err());
        Path sweep = dir.resolve("shared/sw-sweep");
        try (Stream<Path> points = Files.list(sweep)) {
            List<Path> dirs = points.filter(d -> Files.exists(d.resolve("point.json"))).toList();
            assertEquals(2, dirs.size());
            assertEquals(1, dirs.stream().filter(d -> Files.exists(d.resolve("results.json"))).count());
            Path failed = dirs.stream().filter(d -> Files.exists(d.resolve("failed.txt"))).findFirst().orElseThrow();
            assertTrue(Files.readString(failed.resolve("failed.txt")).contains("missing.txt"));
        }
    }

    @Test
    void anUnreachableMasterIsOneLineAndNothingIsWritten() throws IOException {
        Path config = dir.resolve("sw.json");
        Files.writeString(config, CONFIG);
        CliRunner r = CliRunner.run("run", config.toString(), "--out", dir.resolve("shared").toString(), "--cluster", "spark://127.0.0.1:9");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("cannot reach the Spark master at 127.0.0.1:9"), r.err());
        assertFalse(Files.exists(dir.resolve("shared")));
        CliRunner bad = CliRunner.run("run", config.toString(), "--out", dir.resolve("shared").toString(), "--cluster", "mesos://x");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("is not a Spark master URL; allowed: local[N], spark://host:port"), bad.err());
    }

    @Test
    void anEvaluationGridOnSparkStoresWhatTheInProcessGridStores() throws IOException {
        Path config = dir.resolve("one.json");
        Files.writeString(config, CONFIG.replace("\"sweep\": {\"seed\": [1, 2], \"model.layers\": [1, 2]}", "\"task\": \"lm\""));
        CliRunner trained = CliRunner.run("run", config.toString(), "--out", dir.resolve("runs").toString());
        assertEquals(0, trained.exit(), trained.err());
        Path run = RunFiles.onlyDirectory(dir.resolve("runs"));
        CliRunner local = CliRunner.run("eval", run.toString(), "--suite", "lm", "--grid", "eval.batches=1,2", "--tag", "local");
        assertEquals(0, local.exit(), local.err());
        CliRunner spark = CliRunner.run("eval", run.toString(), "--suite", "lm", "--grid", "eval.batches=1,2", "--tag", "spark", "--cluster",
                "local[2]");
        assertEquals(0, spark.exit(), spark.err());
        assertTrue(spark.out().contains("evaluating 2 cells of lm on local[2]"), spark.out());
        for (String cell : List.of("batches-1", "batches-2")) {
            ObjectNode a = (ObjectNode) io.jemini.engine.config.ConfigReader.readTree(run.resolve("eval/lm-local-" + cell + ".json"));
            ObjectNode b = (ObjectNode) io.jemini.engine.config.ConfigReader.readTree(run.resolve("eval/lm-spark-" + cell + ".json"));
            a.remove("tag");
            b.remove("tag");
            assertEquals(a, b, cell + ": the same figures from a Spark task");
        }
        assertTrue(Files.readString(run.resolve("report.md")).contains("eval"), "the report is rewritten");
        CliRunner unasked = CliRunner.run("eval", run.toString(), "--suite", "lm", "--cluster", "local[2]");
        assertEquals(2, unasked.exit());
        assertTrue(unasked.err().contains("--cluster evaluates a grid; give --grid KEY=V1,V2"), unasked.err());
    }

    @Test
    void theClusterCheckDescribesTheExecutors() {
        CliRunner r = CliRunner.run("cluster-check", "--cluster", "local[2]", "--out", dir.resolve("out").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("executor(s)") && r.out().contains("JDK") && r.out().contains("ready"), r.out());
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
