package io.jemini.eval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    @TempDir
    Path dir;

    static final String SMALL = """
            {"name": "tiny", "seed": 5,
             "data": {"kind": "markov", "vocab": 8, "branching": 2},
             "model": {"dim": 16, "layers": 1, "heads": 2, "hidden": 32, "seq_len": 12, "norm": "rms", "ffn": "swiglu",
                       "rope_base": 10000, "tied_embeddings": true},
             "train": {"steps": 6, "batch_size": 2, "lr": 0.01, "warmup_steps": 2, "min_lr": 0.001, "weight_decay": 0.1,
                       "grad_clip": 1.0, "log_every": 3, "eval_batches": 1}}
            """;

    private Path config(String json) throws IOException {
        Path f = dir.resolve("c" + json.hashCode() + ".json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void runsAndIsBitIdenticalForAnyThreadCount() throws IOException {
        Path cfg = config(SMALL);
        CliRunner one = CliRunner.run("run", cfg.toString(), "--threads", "1");
        CliRunner three = CliRunner.run("run", cfg.toString(), "--threads", "3");
        assertEquals(0, one.exit(), one.err());
        assertEquals(0, three.exit(), three.err());
        assertEquals(losses(one.out()), losses(three.out()));
        assertTrue(one.out().contains("validation loss"), one.out());
    }

    private static String losses(String out) {
        StringBuilder sb = new StringBuilder();
        out.lines().filter(l -> l.startsWith("step") || l.startsWith("validation"))
                .forEach(l -> sb.append(l.replaceAll("\\s+[0-9.]+ tok/s|, [0-9.]+ s$", "")).append('\n'));
        return sb.toString();
    }

    @Test
    void unknownKeyIsAUsageErrorNamingThePath() throws IOException {
        CliRunner r = CliRunner.run("run", config(SMALL.replace("\"layers\"", "\"n_layers\"")).toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown key 'model.n_layers'; allowed here: dim, ffn, heads, hidden, layers"), r.err());
    }

    @Test
    void everyRangeProblemIsReportedAtOnce() throws IOException {
        CliRunner r = CliRunner.run("run", config(SMALL.replace("\"heads\": 2", "\"heads\": 3")
                .replace("\"steps\": 6", "\"steps\": 0").replace("\"norm\": \"rms\"", "\"norm\": \"batch\"")).toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("model.heads = 3 is not allowed"), r.err());
        assertTrue(r.err().contains("train.steps = 0 is not allowed; must be >= 1"), r.err());
        assertTrue(r.err().contains("model.norm = batch is not allowed; allowed: rms, layer"), r.err());
    }

    @Test
    void wrongTypesAndMissingFiles() throws IOException {
        CliRunner type = CliRunner.run("run", config(SMALL.replace("\"dim\": 16", "\"dim\": \"sixteen\"")).toString());
        assertEquals(2, type.exit());
        assertTrue(type.err().contains("model.dim = \"sixteen\" is not allowed; expected a whole number"), type.err());
        CliRunner several = CliRunner.run("run", config(SMALL.replace("\"seed\": 5,", "").replace("\"lr\"", "\"learning_rate\"")).toString());
        assertTrue(several.err().contains("seed is missing; expected a whole number"), several.err());
        assertTrue(several.err().contains("unknown key 'train.learning_rate'"), several.err());
        assertTrue(several.err().contains("train.lr is missing"), several.err());
        CliRunner missing = CliRunner.run("run", dir.resolve("nope.json").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("nope.json: file not found"), missing.err());
        CliRunner json = CliRunner.run("run", config("{\"name\": ").toString());
        assertEquals(2, json.exit());
        assertTrue(json.err().contains("not valid JSON"), json.err());
        CliRunner threads = CliRunner.run("run", config(SMALL).toString(), "--threads", "0");
        assertEquals(2, threads.exit());
        assertTrue(threads.err().contains("--threads=0 is not allowed"), threads.err());
    }
}
