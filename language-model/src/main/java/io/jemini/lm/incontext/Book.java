package io.jemini.lm.incontext;

import io.jemini.engine.random.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * A language's book, the in-context material of the translation task: its word list, its grammar
 * sentences and parallel example sentences, any part of which a prompt may hold, written in the
 * same plain text format training and evaluation use ("dog = zuka ." — "grammar : … ." —
 * "english : the dog sees a cat => ta zuka sepo e mefi .").
 */
public record Book(ArtificialLanguage language, List<Sentence> examples) {
    /** Which parts of the book a prompt holds: the word list, the grammar, the first {@code examples} examples. */
    public record Parts(boolean words, boolean grammar, int examples) {
    }

    /** A book with {@code examples} example sentences drawn from {@code rng}. */
    public static Book of(ArtificialLanguage language, Rng rng, int examples, int nouns, int verbs, int adjectives) {
        List<Sentence> out = new ArrayList<>();
        for (int i = 0; i < examples; i++) {
            out.add(Sentence.draw(rng, nouns, verbs, adjectives));
        }
        return new Book(language, List.copyOf(out));
    }

    /** The parts' text, word list first, then grammar, then examples. */
    public String text(Parts parts) {
        if (parts.examples() > examples.size()) {
            throw new IllegalArgumentException("the book has " + examples.size() + " examples, not " + parts.examples());
        }
        StringBuilder s = new StringBuilder();
        if (parts.words()) {
            language.wordList().forEach(entry -> s.append(' ').append(entry).append(" ."));
        }
        if (parts.grammar()) {
            language.grammar().forEach(rule -> s.append(" grammar : ").append(rule).append(" ."));
        }
        for (int i = 0; i < parts.examples(); i++) {
            s.append(question(examples.get(i))).append(answer(examples.get(i)));
        }
        return s.toString();
    }

    /** " english : the dog sees a cat =>": the prompt of a translation, which the answer continues. */
    public static String question(Sentence s) {
        return " english : " + s.english() + " =>";
    }

    /** " ta zuka sepo e mefi .": the translation as the prompt's continuation. */
    public String answer(Sentence s) {
        return " " + language.translate(s) + " .";
    }
}
