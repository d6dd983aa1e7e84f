package io.jemini.multimodal.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.contrastive.data.Split;
import io.jemini.engine.random.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seven-segment codes light exactly their digits' segments, and a haystack shows one among scene frames. */
class SevenSegmentTest {
    /** Which of a–g each digit lights, as on a calculator. */
    private static final String[] LIT = {"abcdef", "bc", "abdeg", "abcdg", "bcfg", "acdfg", "acdefg", "abc", "abcdefg",
        "abcdfg"};

    @Test
    void eachDigitLightsItsSegments() {
        int x = 13;
        int y = 10;
        int[][] centres = {{x + 3, y}, {x + 5, y + 3}, {x + 5, y + 9}, {x + 3, y + 11}, {x, y + 9}, {x, y + 3}, {x + 3, y + 5}};
        for (int digit = 0; digit < 10; digit++) {
            float[] image = SevenSegment.draw(new int[] {digit}, 32);
            for (int s = 0; s < 7; s++) {
                boolean lit = image[(centres[s][1] * 32 + centres[s][0]) * 3] == 1f;
                assertEquals(LIT[digit].indexOf((char) ('a' + s)) >= 0, lit, "digit " + digit + " segment " + (char) ('a' + s));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> SevenSegment.draw(new int[5], 32));
    }

    @Test
    void aHaystackShowsItsCodeAtItsDepthAndAsksForIt() {
        SceneDocuments docs = SceneDocuments.ofShapes(2, 0.2, new SceneDocuments.Mix(0.3, 0.5, 4, 3, 0, 0));
        SceneDocuments.Haystack h = docs.haystack(new Rng(2), Split.TRAIN, 5, 3);
        assertEquals(6, h.document().segments().size());
        assertArrayEquals(SevenSegment.draw(h.code(), 32), h.document().segments().get(3).image());
        int[] text = h.document().segments().get(5).tokens();
        String words = String.join(" ", java.util.Arrays.stream(text).mapToObj(docs.vocabulary()::word).toList());
        assertEquals(String.format("what is the code ? %s %s %s <eot>", name(h.code()[0]), name(h.code()[1]),
                name(h.code()[2])), words);
        assertEquals(5 * 18 + 9, PackedBatch.positions(h.document(), 32, 8));
    }

    @Test
    void aTextHaystackStatesItsCodeBetweenCaptionedFrames() {
        SceneDocuments docs = SceneDocuments.ofShapes(2, 0.2, new SceneDocuments.Mix(0.3, 0, 3, 3, 0, 0.5));
        SceneDocuments.Haystack h = docs.textHaystack(new Rng(4), Split.TRAIN, 3, 1);
        List<Segment> s = h.document().segments();
        assertEquals(3 * 2 + 2, s.size(), "three captioned frames, the needle, the question");
        assertTrue(s.get(0).isImage() && !s.get(1).isImage() && !s.get(2).isImage() && s.get(3).isImage());
        String needle = String.join(" ", java.util.Arrays.stream(s.get(2).tokens()).mapToObj(docs.vocabulary()::word).toList());
        assertEquals(String.format("the code is %s %s %s", name(h.code()[0]), name(h.code()[1]), name(h.code()[2])), needle);
        SceneDocuments.Haystack last = docs.textHaystack(new Rng(4), Split.TRAIN, 2, 2);
        assertEquals("the", docs.vocabulary().word(last.document().segments().get(4).tokens()[0]), "depth = frames: after the last");
    }

    private static String name(int d) {
        return new String[] {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}[d];
    }
}
