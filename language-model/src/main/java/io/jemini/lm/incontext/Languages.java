package io.jemini.lm.incontext;

import io.jemini.engine.random.Rng;

/**
 * What the invented languages of a run cover ({@code languages} in the config): the first
 * {@code nouns}, {@code verbs} and {@code adjectives} English words, {@code irregular} irregular
 * plurals, and books of up to {@code maxExamples} examples in training.
 */
public record Languages(int nouns, int verbs, int adjectives, int irregular, int maxExamples) {
    /** A fresh language and its book of {@code maxExamples} examples. */
    public Book book(Rng rng) {
        return book(rng, maxExamples);
    }

    /** A fresh language and its book of {@code examples} examples. */
    public Book book(Rng rng, int examples) {
        ArtificialLanguage language = ArtificialLanguage.generate(rng, nouns, verbs, adjectives, irregular);
        return Book.of(language, rng, examples, nouns, verbs, adjectives);
    }

    public Sentence sentence(Rng rng) {
        return Sentence.draw(rng, nouns, verbs, adjectives);
    }
}
