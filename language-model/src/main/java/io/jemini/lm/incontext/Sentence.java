package io.jemini.lm.incontext;

import io.jemini.engine.random.Rng;

/**
 * One meaning to translate: a subject and an object noun phrase (each with a noun, its number, an
 * optional adjective and a definite or indefinite article) and a verb in the present or the past.
 * Indices point into the run's slice of {@link EnglishLexicon}; -1 means no adjective.
 */
public record Sentence(Phrase subject, int verb, boolean past, Phrase object) {
    /** A noun phrase: the noun, whether it is plural, its adjective (-1: none), whether its article is "the". */
    public record Phrase(int noun, boolean plural, int adjective, boolean definite) {
        static Phrase draw(Rng rng, int nouns, int adjectives) {
            boolean plural = rng.nextDouble() < 0.4;
            return new Phrase(rng.nextInt(nouns), plural, rng.nextDouble() < 0.4 ? rng.nextInt(adjectives) : -1,
                    plural || rng.nextDouble() < 0.5);
        }

        String english() {
            String noun = EnglishLexicon.NOUNS.get(noun()) + (plural ? "s" : "");
            return (definite ? "the " : "a ") + (adjective >= 0 ? EnglishLexicon.ADJECTIVES.get(adjective) + " " : "") + noun;
        }
    }

    /** A sentence over the first {@code nouns}, {@code verbs} and {@code adjectives} words of the lexicon. */
    public static Sentence draw(Rng rng, int nouns, int verbs, int adjectives) {
        Phrase subject = Phrase.draw(rng, nouns, adjectives);
        int verb = rng.nextInt(verbs);
        boolean past = rng.nextDouble() < 0.4;
        return new Sentence(subject, verb, past, Phrase.draw(rng, nouns, adjectives));
    }

    /** "the big dogs saw a cat" (plural nouns add -s; articles: "a" only before a singular noun). */
    public String english() {
        String[] forms = EnglishLexicon.VERBS.get(verb);
        String verbForm = past ? forms[2] : subject.plural() ? forms[0] : forms[1];
        return subject.english() + " " + verbForm + " " + object.english();
    }
}
