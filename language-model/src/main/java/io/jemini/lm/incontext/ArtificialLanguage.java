package io.jemini.lm.incontext;

import io.jemini.engine.random.Rng;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A language invented from a seed, the stand-in for Kalamang: its own sounds and word forms for
 * the run's English vocabulary, a word order (SVO, SOV or VSO), adjectives before or after the
 * noun, a plural suffix, a past-tense suffix, perhaps a verb suffix agreeing with a plural
 * subject, perhaps no indefinite article, and a few nouns with irregular plurals. It translates
 * {@link Sentence}s and states itself as a word list and grammar sentences.
 */
public final class ArtificialLanguage {
    /** The order of subject, verb and object. */
    public enum Order {
        SVO("subject verb object"), SOV("subject object verb"), VSO("verb subject object");

        private final String words;

        Order(String words) {
            this.words = words;
        }
    }

    private static final String CONSONANTS = "ptkbdgmnslrvzfh";
    private static final String VOWELS = "aeiou";

    private final List<String> nouns;
    private final List<String> verbs;
    private final List<String> adjectives;
    private final String definite;
    private final String indefinite;
    private final String plural;
    private final String pastTense;
    private final String agreement;
    private final Map<Integer, String> irregularPlurals;
    private final Order order;
    private final boolean adjectiveAfter;

    private ArtificialLanguage(List<String> nouns, List<String> verbs, List<String> adjectives, String definite,
                               String indefinite, String plural, String pastTense, String agreement,
                               Map<Integer, String> irregularPlurals, Order order, boolean adjectiveAfter) {
        this.nouns = nouns;
        this.verbs = verbs;
        this.adjectives = adjectives;
        this.definite = definite;
        this.indefinite = indefinite;
        this.plural = plural;
        this.pastTense = pastTense;
        this.agreement = agreement;
        this.irregularPlurals = irregularPlurals;
        this.order = order;
        this.adjectiveAfter = adjectiveAfter;
    }

    /** A language for the first {@code nouns}, {@code verbs} and {@code adjectives} English words, {@code irregular} irregular plurals. */
    public static ArtificialLanguage generate(Rng rng, int nouns, int verbs, int adjectives, int irregular) {
        String consonants = pick(rng, CONSONANTS, 7);
        String vowels = pick(rng, VOWELS, 3 + rng.nextInt(3));
        Set<String> used = new HashSet<>();
        List<String> n = forms(rng, consonants, vowels, nouns, used);
        List<String> v = forms(rng, consonants, vowels, verbs, used);
        List<String> a = forms(rng, consonants, vowels, adjectives, used);
        String definite = fresh(rng, consonants, vowels, 1, used);
        String indefinite = rng.nextDouble() < 0.3 ? null : fresh(rng, consonants, vowels, 1, used);
        String plural = syllable(rng, consonants, vowels);
        String past = syllable(rng, consonants, vowels);
        while (past.equals(plural)) {
            past = syllable(rng, consonants, vowels);
        }
        String agreement = "";
        if (rng.nextDouble() < 0.5) {
            do {
                agreement = syllable(rng, consonants, vowels);
            } while (agreement.equals(plural) || agreement.equals(past));
        }
        Map<Integer, String> irregulars = new LinkedHashMap<>();
        while (irregulars.size() < irregular) {
            int noun = rng.nextInt(nouns);
            if (!irregulars.containsKey(noun)) {
                irregulars.put(noun, fresh(rng, consonants, vowels, 2, used));
            }
        }
        Order order = Order.values()[rng.nextInt(Order.values().length)];
        return new ArtificialLanguage(n, v, a, definite, indefinite, plural, past, agreement, irregulars, order,
                rng.nextDouble() < 0.5);
    }

    private static String pick(Rng rng, String letters, int n) {
        List<Character> all = new ArrayList<>();
        letters.chars().forEach(c -> all.add((char) c));
        rng.shuffle(all);
        StringBuilder s = new StringBuilder();
        all.subList(0, n).forEach(s::append);
        return s.toString();
    }

    private static String syllable(Rng rng, String consonants, String vowels) {
        return "" + consonants.charAt(rng.nextInt(consonants.length())) + vowels.charAt(rng.nextInt(vowels.length()));
    }

    /** A word of {@code syllables} to {@code syllables + 1} syllables not used before. */
    private static String fresh(Rng rng, String consonants, String vowels, int syllables, Set<String> used) {
        while (true) {
            StringBuilder w = new StringBuilder();
            int count = syllables + rng.nextInt(2);
            for (int i = 0; i < count; i++) {
                w.append(syllable(rng, consonants, vowels));
            }
            if (used.add(w.toString())) {
                return w.toString();
            }
        }
    }

    private static List<String> forms(Rng rng, String consonants, String vowels, int n, Set<String> used) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(fresh(rng, consonants, vowels, 2, used));
        }
        return out;
    }

    /** The sentence in this language. */
    public String translate(Sentence s) {
        String verb = verbs.get(s.verb()) + (s.past() ? pastTense : "") + (s.subject().plural() ? agreement : "");
        String subject = phrase(s.subject());
        String object = phrase(s.object());
        return switch (order) {
            case SVO -> subject + " " + verb + " " + object;
            case SOV -> subject + " " + object + " " + verb;
            case VSO -> verb + " " + subject + " " + object;
        };
    }

    private String phrase(Sentence.Phrase p) {
        String noun = p.plural() ? irregularPlurals.getOrDefault(p.noun(), nouns.get(p.noun()) + plural) : nouns.get(p.noun());
        String article = p.definite() ? definite : indefinite;
        String adjective = p.adjective() >= 0 ? adjectives.get(p.adjective()) : null;
        List<String> words = new ArrayList<>();
        if (article != null) {
            words.add(article);
        }
        if (adjective != null && !adjectiveAfter) {
            words.add(adjective);
        }
        words.add(noun);
        if (adjective != null && adjectiveAfter) {
            words.add(adjective);
        }
        return String.join(" ", words);
    }

    /** The word list: "dog = zuka", one entry per English word (verbs by their base form), articles first. */
    public List<String> wordList() {
        List<String> out = new ArrayList<>();
        out.add("the = " + definite);
        if (indefinite != null) {
            out.add("a = " + indefinite);
        }
        for (int i = 0; i < nouns.size(); i++) {
            out.add(EnglishLexicon.NOUNS.get(i) + " = " + nouns.get(i));
        }
        for (int i = 0; i < verbs.size(); i++) {
            out.add(EnglishLexicon.VERBS.get(i)[0] + " = " + verbs.get(i));
        }
        for (int i = 0; i < adjectives.size(); i++) {
            out.add(EnglishLexicon.ADJECTIVES.get(i) + " = " + adjectives.get(i));
        }
        return out;
    }

    /** The grammar, one rule per sentence. */
    public List<String> grammar() {
        List<String> out = new ArrayList<>();
        out.add("the word order is " + order.words);
        out.add("an adjective comes " + (adjectiveAfter ? "after" : "before") + " its noun");
        out.add("a plural noun ends in " + plural);
        out.add("a verb in the past ends in " + pastTense);
        out.add(agreement.isEmpty() ? "a verb does not change with its subject"
                : "a verb with a plural subject ends in " + agreement + ", after any past ending");
        if (indefinite == null) {
            out.add("there is no word for a");
        }
        irregularPlurals.forEach((noun, form) -> out.add("the plural of " + EnglishLexicon.NOUNS.get(noun) + " is " + form));
        return out;
    }
}
