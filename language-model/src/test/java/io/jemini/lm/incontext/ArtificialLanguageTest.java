package io.jemini.lm.incontext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.random.Rng;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The book is enough: a reader that knows only a language's word list and grammar sentences
 * translates every sentence exactly as the language does, so a model with the book in context has
 * all it needs; and languages differ from seed to seed in every respect.
 */
class ArtificialLanguageTest {
    /** Translates {@code s} from the book's text alone. */
    private static String fromBook(ArtificialLanguage language, Sentence s) {
        Map<String, String> words = new HashMap<>();
        for (String entry : language.wordList()) {
            String[] parts = entry.split(" = ");
            words.put(parts[0], parts[1]);
        }
        Map<String, String> irregular = new HashMap<>();
        String order = null;
        boolean after = false;
        String plural = null;
        String past = null;
        String agreement = "";
        for (String rule : language.grammar()) {
            if (rule.startsWith("the word order is ")) {
                order = rule.substring("the word order is ".length());
            } else if (rule.startsWith("an adjective comes ")) {
                after = rule.contains("after");
            } else if (rule.startsWith("a plural noun ends in ")) {
                plural = rule.substring("a plural noun ends in ".length());
            } else if (rule.startsWith("a verb in the past ends in ")) {
                past = rule.substring("a verb in the past ends in ".length());
            } else if (rule.startsWith("a verb with a plural subject ends in ")) {
                agreement = rule.substring("a verb with a plural subject ends in ".length()).split(",")[0];
            } else if (rule.startsWith("the plural of ")) {
                String[] p = rule.substring("the plural of ".length()).split(" is ");
                irregular.put(p[0], p[1]);
            }
        }
        String verb = words.get(EnglishLexicon.VERBS.get(s.verb())[0]) + (s.past() ? past : "")
                + (s.subject().plural() ? agreement : "");
        String subject = phrase(s.subject(), words, irregular, plural, after);
        String object = phrase(s.object(), words, irregular, plural, after);
        return switch (order) {
            case "subject verb object" -> subject + " " + verb + " " + object;
            case "subject object verb" -> subject + " " + object + " " + verb;
            case "verb subject object" -> verb + " " + subject + " " + object;
            default -> throw new AssertionError(order);
        };
    }

    private static String phrase(Sentence.Phrase p, Map<String, String> words, Map<String, String> irregular, String plural,
                                 boolean after) {
        String english = EnglishLexicon.NOUNS.get(p.noun());
        String noun = !p.plural() ? words.get(english) : irregular.getOrDefault(english, words.get(english) + plural);
        List<String> out = new ArrayList<>();
        String article = words.get(p.definite() ? "the" : "a");
        if (article != null) {
            out.add(article);
        }
        String adjective = p.adjective() >= 0 ? words.get(EnglishLexicon.ADJECTIVES.get(p.adjective())) : null;
        if (adjective != null && !after) {
            out.add(adjective);
        }
        out.add(noun);
        if (adjective != null && after) {
            out.add(adjective);
        }
        return String.join(" ", out);
    }

    @Test
    void aReaderOfTheBookTranslatesEverySentenceAsTheLanguageDoes() {
        Rng rng = new Rng(5);
        for (int l = 0; l < 200; l++) {
            ArtificialLanguage language = ArtificialLanguage.generate(rng, 12, 6, 6, 2);
            for (int i = 0; i < 20; i++) {
                Sentence s = Sentence.draw(rng, 12, 6, 6);
                assertEquals(language.translate(s), fromBook(language, s), s.english());
            }
        }
    }

    @Test
    void languagesDifferInWordsOrderAndMorphology() {
        Rng rng = new Rng(9);
        Set<String> orders = new HashSet<>();
        Set<String> adjectives = new HashSet<>();
        Set<String> dogs = new HashSet<>();
        boolean noIndefinite = false;
        boolean noAgreement = false;
        for (int l = 0; l < 60; l++) {
            ArtificialLanguage language = ArtificialLanguage.generate(rng, 12, 6, 6, 2);
            orders.add(language.grammar().get(0));
            adjectives.add(language.grammar().get(1));
            dogs.add(language.wordList().stream().filter(e -> e.startsWith("dog = ")).findFirst().orElseThrow());
            noIndefinite |= language.grammar().contains("there is no word for a");
            noAgreement |= language.grammar().contains("a verb does not change with its subject");
        }
        assertEquals(3, orders.size(), "SVO, SOV and VSO all occur");
        assertEquals(2, adjectives.size());
        assertTrue(dogs.size() > 55, "each language has its own word for dog: " + dogs.size());
        assertTrue(noIndefinite && noAgreement);
        assertNotEquals(ArtificialLanguage.generate(new Rng(1), 12, 6, 6, 2).wordList(),
                ArtificialLanguage.generate(new Rng(2), 12, 6, 6, 2).wordList());
        assertEquals(ArtificialLanguage.generate(new Rng(1), 12, 6, 6, 2).grammar(),
                ArtificialLanguage.generate(new Rng(1), 12, 6, 6, 2).grammar());
    }

    @Test
    void theBookWritesItsPartsInOneFormat() {
        Languages languages = new Languages(4, 2, 2, 1, 3);
        Book book = languages.book(new Rng(4));
        String all = book.text(new Book.Parts(true, true, 3));
        assertTrue(all.startsWith(" the = "), all);
        assertTrue(all.contains(" dog = ") && all.contains(" grammar : the word order is ") && all.contains(" english : "),
                all);
        assertEquals(3, all.split(" => ").length - 1, "three examples");
        assertEquals("", book.text(new Book.Parts(false, false, 0)));
        Sentence s = book.examples().get(0);
        assertTrue(all.contains(Book.question(s) + book.answer(s)));
        assertTrue(book.answer(s).endsWith(" ."));
    }
}
