package io.jemini.lm.ruler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.random.Rng;
import io.jemini.lm.text.ByteBpeTokenizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every RULER-style task instance is as long as asked, and its references follow from its own text. */
class RulerGeneratorTest {
    static final ByteBpeTokenizer TOKENIZER = ByteBpeTokenizer.train(List.of(("The farmer walked along the river every morning "
            + "before the market opened. His neighbours, who lived beyond the valley, brought bread, cheese and apples to "
            + "trade. Children played beside the water while their parents talked about the weather, the harvest and the "
            + "prices of grain. Nobody remembered exactly when the bridge had been built, although everybody agreed it was "
            + "older than the church. ").repeat(3)), 700);
    static final RulerGenerator GENERATOR = new RulerGenerator(TOKENIZER);
    static final int[] ESSAY = TOKENIZER.encode(" The farmer walked along the river every morning before the market opened.");

    private static String text(RulerExample e) {
        return TOKENIZER.decode(e.prompt());
    }

    @Test
    void everyTaskFillsTheRequestedLengthAndItsAnswerSpellsTheReferences() {
        for (RulerTask task : RulerTask.values()) {
            for (int length : new int[] {400, 900}) {
                RulerExample e = GENERATOR.example(task, new Rng(length + task.ordinal()), length, ESSAY);
                assertNotNull(e, task + " fits " + length + " tokens");
                assertEquals(length, e.tokens().length, task.key());
                String answer = TOKENIZER.decode(e.answer());
                assertTrue(answer.endsWith("."), answer);
                for (String reference : e.references()) {
                    assertTrue(answer.contains(reference), task + ": " + reference + " in " + answer);
                    assertTrue(text(e).contains(reference), task + ": the prompt holds " + reference);
                }
                assertEquals(1.0, RulerSuite.found(answer, e.references()));
                RulerExample again = GENERATOR.example(task, new Rng(length + task.ordinal()), length, ESSAY);
                assertArrayEquals(e.tokens(), again.tokens(), "the same seed writes the same instance");
            }
        }
    }

    @Test
    void aContextTooShortForATaskGivesNoInstance() {
        for (RulerTask task : RulerTask.values()) {
            assertNull(GENERATOR.example(task, new Rng(1), 30, ESSAY), task.key());
        }
    }

    @Test
    void retrievalAnswersAreTheValuesStatedForTheAskedKeys() {
        Pattern statement = Pattern.compile(" One of the special magic (?:numbers|uuids) for ([\\w-]+) is: ([\\w-]+)\\.");
        for (RulerTask task : List.of(RulerTask.NIAH_SINGLE_2, RulerTask.NIAH_MULTIKEY_1, RulerTask.NIAH_MULTIKEY_2,
                RulerTask.NIAH_MULTIKEY_3, RulerTask.NIAH_MULTIVALUE, RulerTask.NIAH_MULTIQUERY)) {
            for (int seed = 0; seed < 5; seed++) {
                RulerExample e = GENERATOR.example(task, new Rng(seed), 600, ESSAY);
                String prompt = text(e);
                Map<String, List<String>> stated = new HashMap<>();
                Matcher m = statement.matcher(prompt);
                while (m.find()) {
                    stated.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2));
                }
                String asked = prompt.substring(prompt.lastIndexOf(" for ") + 5, prompt.lastIndexOf(" is") > prompt.lastIndexOf(
                        " for ") ? prompt.lastIndexOf(" is") : prompt.lastIndexOf(" are"));
                List<String> expected = new ArrayList<>();
                for (String key : asked.split(", | and ")) {
                    expected.addAll(stated.get(key));
                }
                assertEquals(expected, e.references(), task + ": " + prompt);
                int keys = stated.size();
                switch (task) {
                    case NIAH_MULTIKEY_1, NIAH_MULTIQUERY -> assertEquals(4, keys);
                    case NIAH_MULTIVALUE -> assertEquals(4, stated.values().iterator().next().size());
                    case NIAH_MULTIKEY_2, NIAH_MULTIKEY_3 -> assertTrue(keys > 5, "the haystack is needles: " + keys);
                    default -> assertEquals(1, keys);
                }
            }
        }
    }

    @Test
    void variableTrackingAsksForTheWholeChainFromTheValue() {
        RulerExample e = GENERATOR.example(RulerTask.VT, new Rng(3), 400, ESSAY);
        Matcher m = Pattern.compile(" VAR ([A-Z]{5}) = (VAR )?([A-Z]{5}|\\d{5})\\.").matcher(text(e));
        List<String> chain = new ArrayList<>();
        String previous = null;
        while (m.find()) {
            assertEquals(previous == null, m.group(2) == null, "the first assignment is the value, the rest pass it on");
            if (previous != null) {
                assertEquals(previous, m.group(3));
            }
            previous = m.group(1);
            chain.add(previous);
        }
        assertEquals(chain, e.references());
        assertEquals(5, chain.size());
    }

    @Test
    void aggregationAnswersAreTheStrictlyMostFrequentWords() {
        for (RulerTask task : List.of(RulerTask.CWE, RulerTask.FWE)) {
            for (int length : new int[] {256, 1000}) {
                RulerExample e = GENERATOR.example(task, new Rng(length), length, ESSAY);
                String prompt = text(e);
                String list = prompt.substring(prompt.indexOf(task == RulerTask.CWE ? "than the others." : "each coded word.")
                        + 16, prompt.indexOf(" Question:"));
                Map<String, Integer> counts = new HashMap<>();
                for (String w : list.trim().split(" +")) {
                    counts.merge(w.replace(".", ""), 1, Integer::sum);
                }
                int weakest = e.references().stream().mapToInt(counts::get).min().orElseThrow();
                assertTrue(counts.entrySet().stream().filter(x -> !e.references().contains(x.getKey()))
                        .allMatch(x -> x.getValue() < weakest), task + " " + counts);
                assertEquals(3, e.references().size());
                assertFalse(counts.size() < 6, "more words than the answer: " + counts);
            }
        }
    }

    @Test
    void commonWordListsAreMadeOfWholeEnglishNouns() {
        for (int length : new int[] {400, 2048}) {
            RulerExample e = GENERATOR.example(RulerTask.CWE, new Rng(length), length, ESSAY);
            assertNotNull(e, "cwe fits " + length + " tokens");
            String prompt = text(e);
            String list = prompt.substring(prompt.indexOf("than the others.") + 16, prompt.indexOf(" Question:"));
            for (String w : list.trim().split(" +")) {
                assertTrue(RulerWords.LIST_NOUNS.contains(w), "'" + w + "' is one of the list nouns");
            }
            assertTrue(RulerWords.LIST_NOUNS.containsAll(e.references()), e.references().toString());
        }
    }

    @Test
    void partialAnswersEarnTheShareOfReferencesTheyHold() {
        assertEquals(0.5, RulerSuite.found(" ABCDE QQQQQ.", List.of("ABCDE", "FGHIJ")));
        assertEquals(1.0, RulerSuite.found(" abcde fghij", List.of("ABCDE", "FGHIJ")), "case does not count");
        assertEquals(0.0, RulerSuite.found("", List.of("1234567")));
        assertEquals(1.0, RulerSuite.inPlace(" 1234567.", List.of("1234567")));
        assertEquals(2.0 / 7, RulerSuite.inPlace(" 1299999. 12", List.of("1234567")), "the first two digits in place");
        assertEquals(0.5, RulerSuite.inPlace(" ABCDE, QQQQQ.", List.of("ABCDE", "FGHIJ")), "items against references in order");
        assertEquals(0.0, RulerSuite.inPlace("", List.of("ABCDE")));
    }
}
