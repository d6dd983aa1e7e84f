package io.jemini.eval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.training.MetricsLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An MoE run (capacity dispatch, jitter, auxiliary-loss-free bias) logs its routing metrics, and
 * resuming from an earlier checkpoint reproduces the same trajectory, balancing bias included.
 */
class MoeRunTest {
    @TempDir
    Path dir;

    private static final String CONFIG = """
            {"name": "moe", "seed": 21,
             "data": {"source": "markov", "markov_vocab": 10, "markov_branching": 2},
             "model": {"dim": 16, "layers": 2, "heads": 2, "hidden": 32, "seq_len": 12},
             "moe": {"enabled": true, "every": 2, "experts": 4, "top_k": 2, "hidden": 16, "dispatch": "capacity",
                     "capacity_factor": 1.0, "jitter": 0.05, "bias_update": 0.01, "shared_experts": 1},
             "train": {"steps": 12, "batch_size": 2, "log_every": 2, "eval_every": 6, "checkpoint_every": 4, "keep_last": 5,
                       "warmup_steps": 2},
             "eval": {"batches": 1, "samples": 1, "sample_tokens": 4}}
            """;

    @Test
    void logsRoutingAndResumesExactly() throws IOException {
        Path config = dir.resolve("moe.json");
        Files.writeString(config, CONFIG);
        CliRunner first = CliRunner.run("run", config.toString(), "--out", dir.resolve("runs").toString());
        assertEquals(0, first.exit(), first.err());
        Path run = RunDirs.only(dir.resolve("runs"));
        List<String> expected = trajectory(run);
        JsonNode layer = MetricsLog.read(run.resolve("metrics.jsonl")).get(1).path("layers").path("blocks.1.ffn");
        assertEquals(4, layer.path("load").size());
        assertTrue(layer.path("drop_rate").asDouble() >= 0 && layer.has("imbalance") && layer.has("router_entropy"));
        assertTrue(Files.exists(run.resolve("plots/load-blocks-1-ffn.png")));
        assertTrue(Files.readString(run.resolve("report.md")).contains("## Experts"));

        for (String later : new String[] {"step-00000012", "step-00000008"}) {
            RunDirs.deleteTree(run.resolve("checkpoints").resolve(later));
        }
        Files.delete(run.resolve("results.json"));
        CliRunner resumed = CliRunner.run("resume", run.toString(), "--threads", "1");
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(expected, trajectory(run));
    }

    private static List<String> trajectory(Path run) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : MetricsLog.read(run.resolve("metrics.jsonl"))) {
            out.add(r.path("step") + " " + r.path("loss") + " " + r.path("grad_norm") + " " + r.path("val_loss") + " "
                    + r.path("layers").path("blocks.1.ffn").path("load"));
        }
        return out;
    }
}
