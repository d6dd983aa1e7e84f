package io.jemini.lm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.ops.Indices;
import io.jemini.engine.random.Rng;
import io.jemini.lm.text.ByteBpeTokenizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NeedleBatchesTest {
    private static final ByteBpeTokenizer TOKENIZER = ByteBpeTokenizer.train(List.of(
            "The river ran past the old mill. A farmer watched from his porch. What is the number? It is 42."), 320);

    private static int[] text(int n) {
        int[] t = new int[n];
        int[] sentence = TOKENIZER.encode(" The river ran past the old mill.");
        for (int i = 0; i < n; i++) {
            t[i] = sentence[i % sentence.length];
        }
        return t;
    }

    @Test
    void everyChosenWindowEndsWithTheQuestionAndAnswerOfTheNeedleItHolds() {
        NeedleBatches batches = new NeedleBatches(new PackedTokens(text(20_000), 3), TOKENIZER, 1.0, 1, 7, false);
        Indices[] pair = batches.next(4, 300);
        for (int b = 0; b < 4; b++) {
            int[] in = java.util.Arrays.copyOfRange(pair[0].values(), b * 300, (b + 1) * 300);
            int[] target = java.util.Arrays.copyOfRange(pair[1].values(), b * 300, (b + 1) * 300);
            String window = TOKENIZER.decode(in) + TOKENIZER.decode(new int[] {target[299]});
            String number = Needles.digits(window);
            assertEquals(7, number.length(), window);
            assertTrue(window.indexOf(" number is: " + number + ".") < window.lastIndexOf(" number is: " + number + "."),
                    "the statement sits in the text before the question: " + window);
            assertTrue(window.endsWith(" number is: " + number + "."), "the answer closes the window: " + window);
            for (int i = 0; i < 299; i++) {
                assertEquals(in[i + 1], target[i], "targets are the inputs shifted by one");
            }
        }
    }

    @Test
    void windowsWithSeveralNeedlesAskForOneOfThemByKey() {
        NeedleBatches batches = new NeedleBatches(new PackedTokens(text(40_000), 3), TOKENIZER, 1.0, 3, 7, false);
        Pattern statement = Pattern.compile(" The special magic (\\w+) number is: (\\d{7})\\.");
        Pattern question = Pattern.compile(" What is the special magic (\\w+) number\\? The special magic \\1 number is: (\\d{7})\\.$");
        Set<Integer> counts = new TreeSet<>();
        Indices[] pair = batches.next(24, 300);
        for (int b = 0; b < 24; b++) {
            int[] in = Arrays.copyOfRange(pair[0].values(), b * 300, (b + 1) * 300);
            String window = TOKENIZER.decode(in) + TOKENIZER.decode(new int[] {pair[1].values()[b * 300 + 299]});
            Matcher asked = question.matcher(window);
            assertTrue(asked.find(), window);
            Map<String, String> numbers = new HashMap<>();
            Matcher m = statement.matcher(window.substring(0, asked.start()));
            while (m.find()) {
                assertEquals(null, numbers.put(m.group(1), m.group(2)), "keys are distinct: " + window);
            }
            assertEquals(numbers.get(asked.group(1)), asked.group(2), "the answer is the asked key's number: " + window);
            counts.add(numbers.size());
        }
        assertEquals(Set.of(1, 2, 3), counts, "each window holds one to three needles");
    }

    @Test
    void resumingFromASavedPositionGivesTheSameBatches() {
        NeedleBatches a = new NeedleBatches(new PackedTokens(text(20_000), 3), TOKENIZER, 0.5, 1, 7, false);
        a.next(3, 300);
        long[] at = a.position();
        Indices[] expected = a.next(3, 300);
        NeedleBatches b = new NeedleBatches(new PackedTokens(text(20_000), 3), TOKENIZER, 0.5, 1, 7, false);
        b.seek(at);
        Indices[] actual = b.next(3, 300);
        assertArrayEquals(expected[0].values(), actual[0].values());
        assertArrayEquals(expected[1].values(), actual[1].values());
    }

    @Test
    void answerOnlyWindowsScoreJustTheAnswer() {
        NeedleBatches batches = new NeedleBatches(new PackedTokens(text(20_000), 3), TOKENIZER, 1.0, 1, 7, true);
        int[] target = batches.next(1, 300)[1].values();
        int scored = 0;
        StringBuilder answer = new StringBuilder();
        for (int t : target) {
            if (t != io.jemini.engine.ops.Losses.IGNORE_INDEX) {
                scored++;
                answer.append(TOKENIZER.decode(new int[] {t}));
            }
        }
        assertTrue(scored > 0 && scored < 20, scored + " scored targets");
        assertTrue(answer.toString().matches(" \\d{7}\\."), answer.toString());
    }

    @Test
    void needlesDrawDistinctOrSimilarKeysAndDigitsAreMatchedExactly() {
        List<Needles.Needle> distinct = Needles.draw(new Rng(1), 5, false);
        assertEquals(5, distinct.stream().map(Needles.Needle::key).distinct().count());
        List<Needles.Needle> similar = Needles.draw(new Rng(1), 3, true);
        String city = similar.get(0).key().split(" ")[1];
        assertTrue(similar.stream().allMatch(n -> n.key().endsWith(" " + city)), similar.toString());
        assertEquals("1234567", Needles.digits(" 1234567."));
        assertEquals("", Needles.digits(" 123456."));
    }
}
