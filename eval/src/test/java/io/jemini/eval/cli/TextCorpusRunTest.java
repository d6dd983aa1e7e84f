package io.jemini.eval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.config.ConfigReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder of the user's own .txt files trains through {@code jemini run}, as Brown does; a bad file is named. */
class TextCorpusRunTest {
    @TempDir
    Path dir;

    private static final String[] WORDS = {"the", "river", "runs", "past", "a", "mill", "where", "old", "stones", "turn",
        "slowly", "and", "grain", "becomes", "flour", "for", "bread", "in", "morning", "town"};

    private Path corpus() throws IOException {
        Path corpus = dir.resolve("my corpus");
        Files.createDirectories(corpus);
        Random random = new Random(3);
        for (int d = 0; d < 10; d++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 400; w++) {
                text.append(WORDS[random.nextInt(WORDS.length)]).append(w % 12 == 11 ? ".\n" : " ");
            }
            Files.writeString(corpus.resolve("doc" + d + ".txt"), text);
        }
        return corpus;
    }

    private Path config(Path corpus) throws IOException {
        Path config = dir.resolve("mine.json");
        Files.writeString(config, """
                {"name": "mine", "seed": 5,
                 "data": {"source": "text", "path": "%s", "vocab_size": 300, "val_fraction": 0.2, "test_fraction": 0.2},
                 "model": {"dim": 16, "layers": 1, "heads": 2, "hidden": 32, "seq_len": 16},
                 "train": {"steps": 4, "batch_size": 2, "warmup_steps": 1, "log_every": 1, "eval_every": 4,
                           "checkpoint_every": 4},
                 "eval": {"batches": 2, "samples": 1, "sample_tokens": 4, "prompt": "the river"}}
                """.formatted(corpus.toString().replace("\\", "\\\\")));
        return config;
    }

    @Test
    void aFolderOfTextFilesTrains() throws IOException {
        Path out = dir.resolve("runs");
        CliRunner r = CliRunner.run("run", config(corpus()).toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        Path run = RunDirs.only(out);
        JsonNode results = ConfigReader.readTree(run.resolve("results.json"));
        assertTrue(results.path("data").asText().startsWith("text corpus " + dir.resolve("my corpus") + ": 6/2/2 documents"),
                results.toString());
        assertTrue(results.path("val_bits_per_byte").isNumber() && results.path("samples").get(0).asText()
                .startsWith("the river"), results.toString());
        assertTrue(Files.exists(run.resolve("tokenizer.json")));
    }

    @Test
    void aFileThatIsNotUtf8IsNamedAndNothingIsTrained() throws IOException {
        Path corpus = corpus();
        Files.write(corpus.resolve("doc4.txt"), new byte[] {'o', 'k', '\n', 'c', 'a', 'f', (byte) 0xE9, '\n'});
        Path out = dir.resolve("runs");
        CliRunner r = CliRunner.run("run", config(corpus).toString(), "--out", out.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains(corpus.resolve("doc4.txt") + ":2: not UTF-8"), r.err());
        assertTrue(r.err().strip().lines().count() == 1, "one line: " + r.err());
    }
}
