package io.jemini.lm.incontext;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** chrF on worked cases: by hand from the definition, and the example of the Hugging Face metric card (sacreBLEU). */
class ChrfTest {
    @Test
    void identicalStringsScoreAHundredAndDisjointOnesZero() {
        assertEquals(100, Chrf.score("ta zuka sepo .", "ta zuka sepo ."), 1e-12);
        assertEquals(100, Chrf.score("tazuka sepo.", "ta zuka sepo ."), 1e-12, "spaces do not count");
        assertEquals(0, Chrf.score("abc", "xyz"), 1e-12);
        assertEquals(0, Chrf.score("", "abc"), 1e-12);
    }

    /**
     * "ab" against "abc": unigrams P 2/2, R 2/3; bigrams P 1/1, R 1/2; no trigram in the hypothesis,
     * so two orders count: P = 1, R = 7/12, F2 = 5·P·R / (4P + R) = 35/55.
     */
    @Test
    void aShortHypothesisByHand() {
        assertEquals(100 * 35.0 / 55, Chrf.score("ab", "abc"), 1e-12);
        assertEquals(100 * 5 * (7.0 / 12) / (4 * 7.0 / 12 + 1), Chrf.score("abc", "ab"), 1e-12,
                "swapped, precision and recall trade places and β = 2 now weighs the lower one");
    }

    @Test
    void theMetricCardsSentenceGivesItsPublishedScore() {
        assertEquals(61.576379378113785, Chrf.score("The relationship between Obama and Netanyahu is not exactly friendly.",
                "The ties between Obama and Netanyahu are not particularly friendly."), 1e-9);
    }
}
