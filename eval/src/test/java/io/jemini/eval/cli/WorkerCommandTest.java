package io.jemini.eval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.dataparallel.Frames;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data-parallel worker as its cluster task sees it: it sends its address over standard output,
 * takes everyone's on standard input, trains, and stops at once when the task is gone (its
 * standard input closes) instead of training on into a run that may be resumed elsewhere.
 */
class WorkerCommandTest {
    @TempDir
    Path dir;

    @Test
    void aWorkerWhoseTaskIsGoneStops() throws Exception {
        Path run = RunDirs.trainedSmall(dir);
        ObjectNode resolved = (ObjectNode) ConfigReader.readTree(run.resolve("config.json"));
        ((ObjectNode) resolved.get("train")).put("steps", 1_000_000).put("checkpoint_every", 1_000_000)
                .put("eval_every", 1_000_000);
        Files.writeString(run.resolve("config.json"), resolved.toString());
        try (Stream<Path> s = Files.walk(run.resolve("checkpoints"))) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        Files.delete(run.resolve("metrics.jsonl"));

        Path log = dir.resolve("worker.log");
        Process worker = new ProcessBuilder(ChildJvm.command("worker", run.toString(), "--rank", "0", "--workers", "1", "--threads", "1"))
                .redirectError(log.toFile()).start();
        try {
            DataInputStream from = new DataInputStream(worker.getInputStream());
            DataOutputStream to = new DataOutputStream(worker.getOutputStream());
            byte[] address = Frames.read(from);
            assertTrue(new String(address).matches("127\\.0\\.0\\.1:\\d+"), new String(address));
            Frames.writeAll(to, new byte[][] {address});
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!Files.exists(run.resolve("metrics.jsonl")) && System.nanoTime() < deadline && worker.isAlive()) {
                Thread.sleep(50);
            }
            assertTrue(worker.isAlive() && Files.exists(run.resolve("metrics.jsonl")), Files.readString(log));
            to.close();
            assertTrue(worker.waitFor(30, TimeUnit.SECONDS), "the worker went on after its task was gone");
            assertEquals(1, worker.exitValue());
            assertTrue(Files.readString(log).contains("the cluster task that started this worker is gone; stopping"));
        } finally {
            worker.destroyForcibly();
        }
    }
}
