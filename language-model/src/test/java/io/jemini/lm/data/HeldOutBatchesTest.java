package io.jemini.lm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.ops.Losses;
import io.jemini.engine.random.Rng;
import io.jemini.lm.eval.Evaluation;
import io.jemini.lm.model.TransformerLm;
import io.jemini.lm.training.LmRunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What validation and test losses are measured on: held-out text windows for ordinary runs, and,
 * for runs that train on generated exercises only, exercises from held-out seeds scored as training
 * scores them.
 */
class HeldOutBatchesTest {
    private static LmRunConfig config(String data) {
        return config(data, 96);
    }

    private static LmRunConfig config(String data, int seq) {
        String json = "{\"name\": \"t\", \"data\": " + data + ", \"languages\": {\"nouns\": 4, \"verbs\": 2, \"adjectives\": 2,"
                + " \"irregular\": 1, \"max_examples\": 3}, \"model\": {\"dim\": 16, \"layers\": 1, \"heads\": 2, \"hidden\": 32,"
                + " \"seq_len\": " + seq + "}, \"train\": {\"steps\": 1, \"batch_size\": 2, \"warmup_steps\": 0}, \"eval\": {\"batches\": 2}}";
        return ConfigReader.load("test", json, LmRunConfig.class, LmRunConfig.defaults(), List.of(), List.of()).get(0).config();
    }

    @Test
    void ordinaryRunsMeasureLossOnTheHeldOutText() {
        LmData data = LmData.prepare(config("{\"source\": \"markov\"}"), 1, 2, null);
        assertSame(data.validation(), data.validationBatches());
        assertSame(data.test(), data.testBatches());
    }

    /** Held-out translation windows: fixed, scored on the translations only, and not the training windows. */
    @Test
    void inventedLanguagesAreValidatedOnScoredTranslationWindows() {
        LmData data = LmData.prepare(config("{\"source\": \"languages\", \"vocab_size\": 300}"), 1, 2, null);
        Indices[] first = data.validationBatches().batch(0, 2, 96);
        assertArrayEquals(first[1].values(), data.validationBatches().batch(0, 2, 96)[1].values());
        long ignored = Arrays.stream(first[1].values()).filter(t -> t == Losses.IGNORE_INDEX).count();
        assertTrue(ignored > 0 && ignored < first[1].values().length, "some targets scored, some not: " + ignored);
        assertNotSame(data.validationBatches(), data.validation());
        Indices[] test = data.testBatches().batch(0, 2, 96);
        Indices[] train = data.train().next(2, 96);
        assertTrue(!Arrays.equals(first[0].values(), test[0].values()) && !Arrays.equals(first[0].values(), train[0].values()));
    }

    /**
     * Exercise-only runs (RULER-style tasks at rate 1; needles in every window scored on the answer)
     * are validated on exercises built from the validation split, scored on the answers; runs with
     * plain-text windows left are validated on the text.
     */
    @Test
    void exerciseOnlyRunsAreValidatedOnScoredExercises(@TempDir Path dir) throws IOException {
        String corpus = corpus(dir);
        for (String exercises : new String[] {"\"ruler_rate\": 1", "\"needle_rate\": 1, \"needle_loss\": \"answer\""}) {
            LmData data = LmData.prepare(config("{\"source\": \"text\", \"path\": \"" + corpus + "\", \"vocab_size\": 300, "
                    + exercises + "}", 512), 1, 2, null);
            assertNotSame(data.validation(), data.validationBatches(), exercises);
            Indices[] first = data.validationBatches().batch(0, 2, 512);
            long ignored = Arrays.stream(first[1].values()).filter(t -> t == Losses.IGNORE_INDEX).count();
            assertTrue(ignored > 0 && ignored < first[1].values().length, exercises + ": some targets scored, some not");
            assertArrayEquals(first[0].values(), data.validationBatches().batch(0, 2, 512)[0].values());
        }
        LmData mixed = LmData.prepare(config("{\"source\": \"text\", \"path\": \"" + corpus + "\", \"vocab_size\": 300, "
                + "\"ruler_rate\": 0.5}", 512), 1, 2, null);
        assertSame(mixed.validation(), mixed.validationBatches());
    }

    /** Forty short documents of random words, one file each. */
    private static String corpus(Path dir) throws IOException {
        Rng rng = new Rng(5);
        String[] words = {"the", "river", "stone", "carried", "a", "quiet", "song", "over", "hills", "and", "towns"};
        Path corpus = dir.resolve("corpus");
        Files.createDirectories(corpus);
        for (int doc = 0; doc < 40; doc++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 400; w++) {
                text.append(words[rng.nextInt(words.length)]).append(w % 12 == 11 ? ". " : " ");
            }
            Files.writeString(corpus.resolve("doc" + doc + ".txt"), text);
        }
        return corpus.toString();
    }

    /** The loss counts scored targets only: the mean over them, weighted by how many each batch has. */
    @Test
    void evaluationCountsScoredTargetsOnly() {
        LmData data = LmData.prepare(config("{\"source\": \"languages\", \"vocab_size\": 300}"), 1, 2, null);
        TransformerLm lm = new TransformerLm(config("{\"source\": \"languages\", \"vocab_size\": 300}").model()
                .lmConfig(data.vocab()), new Rng(3));
        Evaluation.Result r = Evaluation.evaluate(lm, data.validationBatches(), 2, 96, 2, data.tokenizer());
        double nats = 0;
        long scored = 0;
        for (int i = 0; i < 2; i++) {
            Indices[] b = data.validationBatches().batch(i, 2, 96);
            long n = Arrays.stream(b[1].values()).filter(t -> t != Losses.IGNORE_INDEX).count();
            nats += lm.loss(b[0], b[1]).item() * (double) n;
            scored += n;
        }
        assertEquals(scored, r.tokens());
        assertEquals(nats / scored, r.loss(), 1e-12);
    }
}
