package io.jemini.lm.incontext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.ops.Indices;
import io.jemini.engine.ops.Losses;
import io.jemini.engine.random.Rng;
import io.jemini.lm.text.ByteBpeTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Meta-training windows: scored on translations only, every window its own language, resumable. */
class TranslationBatchesTest {
    private static final Languages LANGUAGES = new Languages(12, 6, 6, 2, 8);
    private static final ByteBpeTokenizer TOKENIZER;

    static {
        Rng rng = new Rng(1);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Book book = LANGUAGES.book(rng);
            texts.add(book.text(new Book.Parts(true, true, 8)));
        }
        TOKENIZER = ByteBpeTokenizer.train(texts, 600);
    }

    @Test
    void onlyTheTranslationsAreScoredAndEachFollowsItsPrompt() {
        Indices[] pair = new TranslationBatches(TOKENIZER, LANGUAGES, 3).next(4, 400);
        for (int b = 0; b < 4; b++) {
            int[] in = Arrays.copyOfRange(pair[0].values(), b * 400, (b + 1) * 400);
            int[] target = Arrays.copyOfRange(pair[1].values(), b * 400, (b + 1) * 400);
            String text = TOKENIZER.decode(in);
            StringBuilder scored = new StringBuilder();
            int count = 0;
            for (int i = 0; i < 400; i++) {
                if (target[i] != Losses.IGNORE_INDEX) {
                    assertTrue(i == 399 || target[i] == in[i + 1]);
                    scored.append(TOKENIZER.decode(new int[] {target[i]}));
                    count++;
                }
            }
            assertTrue(count > 20 && count < 300, "translations are scored, the book is not: " + count);
            assertTrue(text.contains(" english : "), text);
            for (String translation : scored.toString().split(" \\.")) {
                if (!translation.isBlank() && scored.toString().endsWith(" .")) {
                    assertTrue(text.contains("=>" + translation), "a scored span follows a prompt: " + translation);
                }
            }
        }
    }

    @Test
    void aResumedStreamRepeatsItsWindows() {
        TranslationBatches a = new TranslationBatches(TOKENIZER, LANGUAGES, 5);
        a.next(2, 300);
        long[] position = a.position();
        Indices[] expected = a.next(2, 300);
        TranslationBatches b = new TranslationBatches(TOKENIZER, LANGUAGES, 5);
        b.seek(position);
        Indices[] resumed = b.next(2, 300);
        assertArrayEquals(expected[0].values(), resumed[0].values());
        assertArrayEquals(expected[1].values(), resumed[1].values());
        assertEquals(2, expected[0].values().length / 300);
    }
}
