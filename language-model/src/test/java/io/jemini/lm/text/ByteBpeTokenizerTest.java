package io.jemini.lm.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.random.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ByteBpeTokenizerTest {
    @TempDir
    Path dir;

    private static final List<String> CORPUS = List.of(
            "The jury said the election was conducted fairly. The jury praised the city.",
            "It is the thing that matters; the jury knows it, and the city knows it too.",
            "Numbers like 1961 and 3,500 appear, as do quotes: \"the jury\" said so.");

    @Test
    void roundTripsArbitraryUnicode() {
        ByteBpeTokenizer tok = ByteBpeTokenizer.train(CORPUS, 400);
        Rng rng = new Rng(9);
        int[] pool = {'a', 'Z', ' ', '\n', '\t', '.', '"', '0', 0xE9, 0x4E2D, 0x1F600, 0x10FFFF, 0x0301, 0x200B, '\r'};
        for (int trial = 0; trial < 500; trial++) {
            StringBuilder sb = new StringBuilder();
            int len = rng.nextInt(40);
            for (int i = 0; i < len; i++) {
                int cp = rng.nextInt(4) == 0 ? 0x20 + rng.nextInt(0xD7FF - 0x20) : pool[rng.nextInt(pool.length)];
                sb.appendCodePoint(cp);
            }
            String s = sb.toString();
            assertEquals(s, tok.decode(tok.encode(s)), "round trip of " + s.codePoints().boxed().toList());
        }
        for (String s : CORPUS) {
            assertEquals(s, tok.decode(tok.encode(s)));
        }
    }

    @Test
    void mergesCompressAndTrainingIsDeterministic() {
        ByteBpeTokenizer a = ByteBpeTokenizer.train(CORPUS, 270);
        ByteBpeTokenizer b = ByteBpeTokenizer.train(new ArrayList<>(CORPUS), 270);
        String text = CORPUS.get(0);
        assertArrayEquals(a.encode(text), b.encode(text));
        assertTrue(a.encode(text).length < text.length() * 0.7, "merges shorten common text");
        assertEquals(270, a.vocabSize());
        assertEquals(269, a.endOfText());
        assertTrue(ByteBpeTokenizer.train(CORPUS, 5000).vocabSize() < 5000, "stops when no pair occurs twice");
        assertEquals(0, a.byteLength(a.endOfText()));
    }

    @Test
    void savesAndLoadsExactly() throws IOException {
        ByteBpeTokenizer tok = ByteBpeTokenizer.train(CORPUS, 350);
        Path f = dir.resolve("tok.json");
        tok.save(f);
        ByteBpeTokenizer back = ByteBpeTokenizer.load(f);
        for (String s : CORPUS) {
            assertArrayEquals(tok.encode(s), back.encode(s));
        }
        Files.writeString(f, "{\"type\": \"byte-bpe\", \"merges\": [[1, 2]]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteBpeTokenizer.load(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    @Test
    void rejectsTooSmallVocabulary() {
        assertThrows(IllegalArgumentException.class, () -> ByteBpeTokenizer.train(CORPUS, 256));
    }
}
