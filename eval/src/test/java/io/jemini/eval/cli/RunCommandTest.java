package io.jemini.eval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.training.MetricsLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    @TempDir
    Path dir;

    static final String SMALL = """
            {"name": "tiny", "seed": 5,
             "data": {"source": "markov", "markov_vocab": 8, "markov_branching": 2},
             "model": {"dim": 16, "layers": 1, "heads": 2, "hidden": 32, "seq_len": 12, "norm": "rms", "ffn": "swiglu",
                       "rope_base": 10000, "tied_embeddings": true},
             "train": {"steps": 6, "batch_size": 2, "lr": 0.01, "warmup_steps": 2, "min_lr": 0.001, "weight_decay": 0.1,
                       "grad_clip": 1.0, "log_every": 3, "eval_every": 3, "checkpoint_every": 3},
             "eval": {"batches": 1, "samples": 1, "sample_tokens": 4}}
            """;

    private Path config(String json) throws IOException {
        Path f = dir.resolve("c" + Integer.toHexString(json.hashCode()) + ".json");
        Files.writeString(f, json);
        return f;
    }

    private static List<Path> children(Path parent) throws IOException {
        try (Stream<Path> s = Files.list(parent)) {
            return s.sorted().toList();
        }
    }

    @Test
    void writesASelfDescribingRunDirectory() throws IOException {
        CliRunner r = CliRunner.run("run", config(SMALL).toString(), "--out", dir.resolve("runs").toString());
        assertEquals(0, r.exit(), r.err());
        Path run = children(dir.resolve("runs")).get(0);
        assertTrue(run.getFileName().toString().matches("tiny-\\d{8}-\\d{6}"), run.toString());
        for (String f : new String[] {"config.json", "metrics.jsonl", "results.json", "report.md", "plots/loss.png",
                "checkpoints/step-00000003/model.safetensors", "checkpoints/step-00000006/state.json"}) {
            assertTrue(Files.exists(run.resolve(f)), "missing " + f);
        }
        JsonNode cfg = ConfigReader.readTree(run.resolve("config.json"));
        assertEquals(0.05, cfg.at("/data/val_fraction").asDouble(), "defaults are resolved into config.json");
        assertTrue(cfg.at("/environment/jdk").asText().length() > 0);
        assertTrue(cfg.at("/environment/threads").asInt() >= 1);
        JsonNode results = ConfigReader.readTree(run.resolve("results.json"));
        assertTrue(results.path("val_loss").isNumber() && results.path("samples").size() == 1);
        assertTrue(MetricsLog.read(run.resolve("metrics.jsonl")).get(0).has("tokens_per_s"));
    }

    @Test
    void bitIdenticalForAnyThreadCount() throws IOException {
        Path cfg = config(SMALL);
        assertEquals(0, CliRunner.run("run", cfg.toString(), "--out", dir.resolve("a").toString(), "--threads", "1").exit());
        assertEquals(0, CliRunner.run("run", cfg.toString(), "--out", dir.resolve("b").toString(), "--threads", "3").exit());
        assertEquals(losses(children(dir.resolve("a")).get(0)), losses(children(dir.resolve("b")).get(0)));
    }

    private static String losses(Path run) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode r : MetricsLog.read(run.resolve("metrics.jsonl"))) {
            sb.append(r.path("step")).append(' ').append(r.path("loss")).append(' ').append(r.path("val_loss")).append('\n');
        }
        return sb.append(ConfigReader.readTree(run.resolve("results.json")).path("test_loss")).toString();
    }

    @Test
    void setOverridesAndSweepsRunTheCrossProduct() throws IOException {
        CliRunner r = CliRunner.run("run", config(SMALL).toString(), "--out", dir.resolve("s").toString(),
                "--set", "train.steps=3", "--sweep", "train.lr=0.01,0.02", "--sweep", "model.layers=1,2");
        assertEquals(0, r.exit(), r.err());
        Path sweep = children(dir.resolve("s")).get(0);
        List<Path> runs = children(sweep).stream().filter(p -> Files.exists(p.resolve("config.json"))).toList();
        assertEquals(4, runs.size());
        String summary = Files.readString(sweep.resolve("summary.md"));
        assertTrue(summary.contains("| train.lr | model.layers |") && summary.contains("| 0.02 | 2 |"), summary);
        assertTrue(Files.exists(sweep.resolve("plots/val-loss.png")) && summary.contains("plots/val-loss.png"));
        for (Path run : runs) {
            assertEquals(3, ConfigReader.readTree(run.resolve("config.json")).at("/train/steps").asInt());
        }
    }

    @Test
    void everyConfigProblemIsReportedAtOnceAndNothingIsWritten() throws IOException {
        Path out = dir.resolve("never");
        CliRunner r = CliRunner.run("run", config(SMALL.replace("\"heads\": 2", "\"heads\": 3")
                .replace("\"steps\": 6", "\"steps\": 0").replace("\"norm\": \"rms\"", "\"norm\": \"batch\"")
                .replace("\"layers\"", "\"n_layers\"")).toString(), "--out", out.toString(), "--set", "train.lrr=1",
                "--set", "train.batch_size=two");
        assertEquals(2, r.exit());
        for (String expected : new String[] {"unknown key 'model.n_layers'; allowed here: attention, checkpoint_blocks, context, dim, ffn, heads, hidden",
                "--set train.lrr: no such key; allowed: task, name, seed, data.source",
                "--set train.batch_size=two is not allowed; train.batch_size expects a whole number"}) {
            assertTrue(r.err().contains(expected), "missing '" + expected + "' in " + r.err());
        }
        assertFalse(Files.exists(out), "nothing is written for an invalid config");
        CliRunner ranges = CliRunner.run("run", config(SMALL.replace("\"heads\": 2", "\"heads\": 3")
                .replace("\"steps\": 6", "\"steps\": 0")).toString(), "--out", out.toString());
        assertTrue(ranges.err().contains("model.heads = 3 is not allowed") && ranges.err().contains("train.steps = 0"),
                ranges.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void moeConfigErrorsNameKeyAndRange() throws IOException {
        CliRunner r = CliRunner.run("run", config(SMALL).toString(), "--out", dir.resolve("x").toString(),
                "--set", "moe.enabled=true", "--set", "moe.experts=0", "--set", "moe.top_k=3", "--set", "moe.dispatch=capacity",
                "--set", "moe.capacity_factor=0");
        assertEquals(2, r.exit());
        for (String expected : new String[] {"moe.experts = 0 is not allowed; must be >= 1",
                "moe.top_k = 3 is not allowed; must be between 1 and moe.experts",
                "moe.capacity_factor = 0.0 is not allowed; must be > 0 with capacity dispatch"}) {
            assertTrue(r.err().contains(expected), "missing '" + expected + "' in " + r.err());
        }
    }

    @Test
    void wrongTypesMissingFilesAndBadJson() throws IOException {
        CliRunner type = CliRunner.run("run", config(SMALL.replace("\"dim\": 16", "\"dim\": \"sixteen\"")).toString());
        assertEquals(2, type.exit());
        assertTrue(type.err().contains("model.dim = \"sixteen\" is not allowed; expected a whole number"), type.err());
        CliRunner missing = CliRunner.run("run", dir.resolve("nope.json").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("nope.json: file not found"), missing.err());
        CliRunner json = CliRunner.run("run", config("{\"name\": ").toString());
        assertEquals(2, json.exit());
        assertTrue(json.err().matches("jemini run: \\S+: not valid JSON at line 1, column \\d+: .*\\n"), json.err());
        CliRunner array = CliRunner.run("run", config("[1, 2]").toString());
        assertEquals(2, array.exit());
        assertTrue(array.err().contains("is not a JSON object"), array.err());
        CliRunner threads = CliRunner.run("run", config(SMALL).toString(), "--threads", "0");
        assertEquals(2, threads.exit());
        assertTrue(threads.err().contains("--threads=0 is not allowed"), threads.err());
    }

    @Test
    void aRunCanStartFromAnotherRunsWeights() throws IOException {
        Path first = dir.resolve("first");
        assertEquals(0, CliRunner.run("run", config(SMALL).toString(), "--out", first.toString(), "--set", "train.steps=200",
                "--set", "train.lr=0.03").exit());
        Path source = children(first).get(0);
        Path second = dir.resolve("second");
        CliRunner r = CliRunner.run("run", config(SMALL).toString(), "--out", second.toString(), "--set", "train.steps=1",
                "--set", "train.warmup_steps=0", "--set", "train.lr=1e-9", "--set", "train.min_lr=1e-9",
                "--set", "train.init_from=" + source);
        assertEquals(0, r.exit(), r.err());
        double trained = ConfigReader.readTree(source.resolve("results.json")).path("val_loss").asDouble();
        double continued = ConfigReader.readTree(children(second).get(0).resolve("results.json")).path("val_loss").asDouble();
        assertEquals(trained, continued, 1e-4, "a step at lr 1e-9 from the trained weights keeps their validation loss");
        CliRunner bad = CliRunner.run("run", config(SMALL).toString(), "--out", second.toString(), "--set",
                "train.init_from=" + dir.resolve("nowhere"));
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("train.init_from = " + dir.resolve("nowhere") + " is not allowed"), bad.err());
    }
}
