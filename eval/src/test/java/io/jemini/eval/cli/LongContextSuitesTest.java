package io.jemini.eval.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.config.ConfigReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long-context suites from the command line on a tiny model trained with needles and RULER-style
 * exercises on a small tagged corpus.
 */
class LongContextSuitesTest {
    @TempDir
    static Path dir;
    static Path run;

    private static final String[] WORDS = {"the/at", "river/nn", "ran/vbd", "past/in", "old/jj", "mill/nn", "and/cc",
        "a/at", "farmer/nn", "watched/vbd", "quietly/rb", "from/in", "his/pp$", "porch/nn"};

    /** 500 Brown-format files of simple sentences, then a short training run with needles. */
    @BeforeAll
    static void trainTinyModel() throws IOException {
        Path brown = dir.resolve("data").resolve("brown");
        Files.createDirectories(brown);
        char[] genres = "abcdefghjklmnpr".toCharArray();
        int n = 0;
        for (char g : genres) {
            for (int i = 1; n < 500 && i <= 80; i++, n++) {
                StringBuilder text = new StringBuilder();
                for (int s = 0; s < 30; s++) {
                    text.append('\t');
                    for (int w = 0; w < 6 + (n + s) % 5; w++) {
                        text.append(WORDS[(n * 7 + s * 3 + w) % WORDS.length]).append(' ');
                    }
                    text.append("./.\n\n");
                }
                Files.writeString(brown.resolve(String.format("c%c%02d", g, i)), text);
            }
        }
        Path config = dir.resolve("lc.json");
        Files.writeString(config, """
                {"name": "lc", "data": {"source": "brown", "dir": "%s", "vocab_size": 300, "needle_rate": 0.5,
                          "ruler_rate": 0.3},
                 "model": {"dim": 32, "layers": 1, "heads": 4, "kv_heads": 2, "hidden": 48, "seq_len": 96,
                           "attention": "blockwise", "context": 512},
                 "train": {"steps": 2, "batch_size": 2, "warmup_steps": 1, "log_every": 1, "eval_every": 2, "checkpoint_every": 2},
                 "eval": {"batches": 1, "samples": 0},
                 "long_context": {"min_length": 256, "max_length": 384, "lengths": 2, "depths": 3, "needles": 2,
                                  "position_sequences": 1}}
                """.formatted(dir.resolve("data")));
        CliRunner r = CliRunner.run("run", config.toString(), "--out", dir.resolve("runs").toString());
        assertEquals(0, r.exit(), r.err());
        try (Stream<Path> s = Files.list(dir.resolve("runs"))) {
            run = s.findFirst().orElseThrow();
        }
    }

    @Test
    void theNeedleGridIsWrittenPlottedAndReported() throws IOException {
        CliRunner r = CliRunner.run("eval", run.toString(), "--suite", "niah");
        assertEquals(0, r.exit(), r.err());
        JsonNode grid = ConfigReader.readTree(run.resolve("eval/niah.json"));
        assertEquals("[256,384]", grid.get("lengths").toString());
        assertEquals("[0.0,50.0,100.0]", grid.get("depths").toString());
        assertEquals(2, grid.get("cells").size());
        double recall = grid.get("recall").asDouble();
        assertTrue(recall >= 0 && recall <= 1);
        assertEquals(7, grid.get("numbers").get(1).get(2).asText().length());
        double digits = grid.get("digit_accuracy").asDouble();
        assertTrue(digits >= recall && digits <= 1, "exact matches count fully in the digit accuracy");
        assertTrue(Files.exists(run.resolve("plots/niah.png")));
        assertTrue(Files.readString(run.resolve("report.md")).contains("## Needle in a haystack"));
    }

    @Test
    void multipleNeedlesWithDistinctAndSimilarKeys() {
        CliRunner r = CliRunner.run("eval", run.toString(), "--suite", "multi-needle");
        assertEquals(0, r.exit(), r.err());
        JsonNode m = ConfigReader.readTree(run.resolve("eval/multi-needle.json"));
        assertEquals(2, m.get("recall").size());
        assertEquals(2, m.get("recall_similar_keys").size());
        for (String[] pair : new String[][] {{"recall", "wrong_needle"}, {"recall_similar_keys", "wrong_needle_similar_keys"}}) {
            assertEquals(2, m.get(pair[1]).size());
            for (int l = 0; l < 2; l++) {
                double right = m.get(pair[0]).get(l).asDouble();
                double wrong = m.get(pair[1]).get(l).asDouble();
                assertTrue(right >= 0 && wrong >= 0 && right + wrong <= 1, pair[0] + " " + right + ", " + pair[1] + " " + wrong);
            }
        }
        assertTrue(Files.exists(run.resolve("plots/multi-needle.png")));
    }

    @Test
    void lossVersusPositionIsFittedWithAPowerLaw() {
        CliRunner r = CliRunner.run("eval", run.toString(), "--suite", "nll-position", "--set", "long_context.max_length=256",
                "--tag", "to-256");
        assertEquals(0, r.exit(), r.err());
        JsonNode p = ConfigReader.readTree(run.resolve("eval/nll-position-to-256.json"));
        assertEquals("[\"long_context.max_length=256\"]", p.get("overrides").toString());
        assertTrue(Files.exists(run.resolve("plots/nll-position-to-256.png")));
        assertEquals("[16,32,64,96,128,256]", p.get("x").toString(), "powers of two, the trained length 96 and the maximum");
        assertTrue(p.get("fit").get("r_squared").isNumber());
        assertTrue(r.out().contains("fit "), r.out());
    }

    @Test
    void aTaggedEvaluationKeepsTheUntaggedOne() throws IOException {
        assertEquals(0, CliRunner.run("eval", run.toString(), "--suite", "niah").exit());
        byte[] untagged = Files.readAllBytes(run.resolve("eval/niah.json"));
        CliRunner untaggedChange = CliRunner.run("eval", run.toString(), "--suite", "niah", "--set", "model.rope_scaling=ntk",
                "--set", "model.rope_factor=2");
        assertEquals(2, untaggedChange.exit());
        assertTrue(untaggedChange.err().contains("--set changes the evaluation, so it needs --tag NAME"), untaggedChange.err());
        CliRunner badTag = CliRunner.run("eval", run.toString(), "--suite", "niah", "--tag", "../x");
        assertEquals(2, badTag.exit());
        assertTrue(badTag.err().contains("--tag '../x' is not allowed"), badTag.err());
        CliRunner tagged = CliRunner.run("eval", run.toString(), "--suite", "niah", "--set", "model.rope_scaling=ntk",
                "--set", "model.rope_factor=2", "--tag", "ntk2");
        assertEquals(0, tagged.exit(), tagged.err());
        assertArrayEquals(untagged, Files.readAllBytes(run.resolve("eval/niah.json")));
        JsonNode ntk = ConfigReader.readTree(run.resolve("eval/niah-ntk2.json"));
        assertEquals("ntk ×2.0", ntk.get("rope_scaling").asText());
        String report = Files.readString(run.resolve("report.md"));
        assertTrue(report.indexOf("## Needle in a haystack\n") < report.indexOf("## Needle in a haystack (ntk2)"), report);
        assertTrue(report.contains("Evaluated with `model.rope_scaling=ntk`, `model.rope_factor=2`.")
                && report.contains("(plots/niah-ntk2.png)"), report);
    }

    @Test
    void theRulerTableHasEveryTaskAtEveryLengthWithTheTrainedLengthMarked() throws IOException {
        CliRunner r = CliRunner.run("eval", run.toString(), "--suite", "ruler", "--set", "long_context.max_length=512",
                "--set", "long_context.min_length=64", "--set", "long_context.lengths=2", "--set", "long_context.ruler_samples=1",
                "--tag", "table");
        assertEquals(0, r.exit(), r.err());
        JsonNode table = ConfigReader.readTree(run.resolve("eval/ruler-table.json"));
        assertEquals("[64,512]", table.get("lengths").toString());
        assertEquals(11, table.get("tasks").size());
        assertEquals("vt", table.get("tasks").get(8).asText());
        assertEquals("multi-hop tracing", table.get("families").get(8).asText());
        for (JsonNode task : table.get("tasks")) {
            JsonNode cells = table.path("accuracy").path(task.asText());
            assertTrue(cells.get(0).isNull(), task + " does not fit 64 tokens of this small vocabulary");
            double accuracy = cells.get(1).asDouble();
            assertTrue(accuracy >= 0 && accuracy <= 1 && accuracy <= table.path("match").path(task.asText()).get(1).asDouble(),
                    "an exact match is a full partial match too");
        }
        assertTrue(table.get("mean_accuracy").get(0).isNull());
        assertTrue(r.out().contains("| task | family | 64 | 512 |") && r.out().contains("| niah_multiquery | retrieval | – |"),
                r.out());
        assertTrue(Files.exists(run.resolve("plots/ruler-table.png")));
        assertTrue(Files.readString(run.resolve("report.md")).contains("## RULER-style tasks (table)"));
    }

    @Test
    void anUnknownRulerTaskIsRefusedWithTheAllowedOnes() throws IOException {
        Path config = dir.resolve("bad-ruler.json");
        Files.writeString(config, "{\"data\": {\"source\": \"brown\", \"ruler_rate\": 0.2, \"ruler_tasks\": [\"vt\", "
                + "\"qa_1\"]}}");
        CliRunner r = CliRunner.run("run", config.toString(), "--out", dir.resolve("none").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("qa_1") && r.err().contains("niah_single_1") && r.err().contains("fwe"), r.err());
        Files.writeString(config, "{\"data\": {\"source\": \"brown\", \"ruler_rate\": 0.2, \"ruler_tasks\": []}}");
        CliRunner empty = CliRunner.run("run", config.toString(), "--out", dir.resolve("none").toString());
        assertEquals(2, empty.exit());
        assertTrue(empty.err().contains("data.ruler_tasks = [] is not allowed; must list one or more of niah_single_1"),
                empty.err());
        assertTrue(Files.notExists(dir.resolve("none")));
    }

    @Test
    void requestsThatCannotWorkFailWithTheirReason() {
        CliRunner tooLong = CliRunner.run("eval", run.toString(), "--suite", "niah", "--set", "long_context.max_length=1024",
                "--tag", "long");
        assertEquals(2, tooLong.exit());
        assertTrue(tooLong.err().contains("long_context.max_length = 1024") && tooLong.err().contains("model.context (512)"),
                tooLong.err());
        CliRunner crowded = CliRunner.run("eval", run.toString(), "--suite", "multi-needle", "--set", "long_context.needles=20",
                "--tag", "crowded");
        assertEquals(2, crowded.exit());
        assertTrue(crowded.err().contains("is not allowed: 20 needle(s)") && crowded.err().contains("lower long_context.needles"), crowded.err());
        CliRunner shortFirst = CliRunner.run("eval", run.toString(), "--suite", "multi-needle", "--set", "long_context.needles=4",
                "--set", "long_context.min_length=64", "--set", "long_context.lengths=3", "--tag", "short-first");
        assertEquals(0, shortFirst.exit(), shortFirst.err());
        JsonNode skipping = ConfigReader.readTree(run.resolve("eval/multi-needle-short-first.json"));
        assertEquals(64, skipping.get("skipped_lengths").get(0).asInt(), "lengths too short for 4 needles are skipped");
        assertEquals(384, skipping.get("lengths").get(skipping.get("lengths").size() - 1).asInt());
        CliRunner unknown = CliRunner.run("eval", run.toString(), "--suite", "haystack");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("suite 'haystack' does not apply to")
                && unknown.err().contains("(task lm); allowed: lm, niah, multi-needle, nll-position, ruler"),
                unknown.err());
    }
}
