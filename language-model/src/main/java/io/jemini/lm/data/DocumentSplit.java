package io.jemini.lm.data;

import io.jemini.engine.random.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic train/validation/test split by whole documents: the documents are shuffled with
 * the given seed and cut at the fractions, so no text is shared between splits.
 */
public record DocumentSplit<T>(List<T> train, List<T> validation, List<T> test) {
    public static <T> DocumentSplit<T> of(List<T> documents, double validationFraction, double testFraction, long seed) {
        List<T> shuffled = new ArrayList<>(documents);
        Rng rng = new Rng(seed);
        rng.shuffle(shuffled);
        int n = shuffled.size();
        int nVal = Math.max(validationFraction > 0 ? 1 : 0, (int) Math.round(n * validationFraction));
        int nTest = Math.max(testFraction > 0 ? 1 : 0, (int) Math.round(n * testFraction));
        if (nVal + nTest >= n) {
            throw new IllegalArgumentException(n + " documents cannot be split into validation " + validationFraction
                    + " and test " + testFraction + " with training documents left");
        }
        return new DocumentSplit<>(List.copyOf(shuffled.subList(nVal + nTest, n)), List.copyOf(shuffled.subList(0, nVal)),
                List.copyOf(shuffled.subList(nVal, nVal + nTest)));
    }
}
