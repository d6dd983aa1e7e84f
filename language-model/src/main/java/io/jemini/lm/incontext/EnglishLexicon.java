package io.jemini.lm.incontext;

import java.util.List;

/**
 * The English side of the translation task: the nouns, transitive verbs (base, third person
 * singular and past forms) and adjectives sentences are made of. A run uses the first
 * {@code languages.nouns}, {@code verbs} and {@code adjectives} of each list.
 */
public final class EnglishLexicon {
    public static final List<String> NOUNS = List.of("dog", "cat", "bird", "horse", "farmer", "baker", "king", "queen", "boat",
            "house", "river", "tree", "stone", "apple", "cake", "song", "letter", "garden", "window", "friend");
    /** Each verb as {base, third person singular, past}. */
    public static final List<String[]> VERBS = List.of(new String[] {"see", "sees", "saw"},
            new String[] {"take", "takes", "took"}, new String[] {"find", "finds", "found"},
            new String[] {"like", "likes", "liked"}, new String[] {"carry", "carries", "carried"},
            new String[] {"paint", "paints", "painted"}, new String[] {"want", "wants", "wanted"},
            new String[] {"hear", "hears", "heard"}, new String[] {"help", "helps", "helped"},
            new String[] {"watch", "watches", "watched"}, new String[] {"love", "loves", "loved"},
            new String[] {"follow", "follows", "followed"});
    public static final List<String> ADJECTIVES = List.of("big", "small", "red", "old", "young", "happy", "quiet", "green");

    private EnglishLexicon() {
    }
}
