package io.jemini.lm.ruler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.ops.Indices;
import io.jemini.engine.ops.Losses;
import io.jemini.lm.data.PackedTokens;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Training windows turned into task instances are scored on their answer alone, and resume exactly. */
class RulerBatchesTest {
    private static int[] text(int n) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = RulerGeneratorTest.ESSAY[i % RulerGeneratorTest.ESSAY.length];
        }
        return t;
    }

    private static RulerBatches batches(double rate) {
        return new RulerBatches(new PackedTokens(text(50_000), 3), RulerGeneratorTest.GENERATOR, rate,
                List.of(RulerTask.values()), 11);
    }

    @Test
    void anExerciseWindowIsScoredOnItsAnswerOnly() {
        Indices[] pair = batches(1.0).next(8, 500);
        for (int b = 0; b < 8; b++) {
            int[] in = Arrays.copyOfRange(pair[0].values(), b * 500, (b + 1) * 500);
            int[] target = Arrays.copyOfRange(pair[1].values(), b * 500, (b + 1) * 500);
            int scored = 0;
            while (target[499 - scored] != Losses.IGNORE_INDEX) {
                scored++;
            }
            assertTrue(scored >= 2 && scored < 80, "the answer's tokens, a few to a few dozen: " + scored);
            for (int i = 0; i < 500 - scored; i++) {
                assertEquals(Losses.IGNORE_INDEX, target[i]);
            }
            for (int i = 500 - scored; i < 499; i++) {
                assertEquals(in[i + 1], target[i], "scored targets are the next inputs");
            }
            String answer = RulerGeneratorTest.TOKENIZER.decode(Arrays.copyOfRange(target, 500 - scored, 500));
            assertTrue(answer.endsWith("."), answer);
        }
    }

    @Test
    void windowsLeftAloneKeepTheirFullLossAndAResumedStreamRepeats() {
        Indices[] none = batches(0).next(2, 100);
        assertTrue(Arrays.stream(none[1].values()).noneMatch(t -> t == Losses.IGNORE_INDEX));
        RulerBatches a = batches(0.5);
        a.next(4, 300);
        long[] position = a.position();
        Indices[] expected = a.next(4, 300);
        RulerBatches b = batches(0.5);
        b.seek(position);
        Indices[] resumed = b.next(4, 300);
        assertArrayEquals(expected[0].values(), resumed[0].values());
        assertArrayEquals(expected[1].values(), resumed[1].values());
    }
}
