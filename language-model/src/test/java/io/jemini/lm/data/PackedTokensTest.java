package io.jemini.lm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jemini.engine.ops.Indices;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PackedTokensTest {
    private static final int[] TOKENS = IntStream.range(0, 101).toArray();

    @Test
    void targetsAreInputsShiftedByOneAndEveryWindowIsVisitedOncePerEpoch() {
        PackedTokens p = new PackedTokens(TOKENS, 5);
        Set<Integer> starts = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            Indices[] b = p.next(2, 10);
            for (int r = 0; r < 2; r++) {
                int first = b[0].values()[r * 10];
                starts.add(first);
                for (int j = 0; j < 10; j++) {
                    assertEquals(b[0].values()[r * 10 + j] + 1, b[1].values()[r * 10 + j]);
                }
            }
        }
        assertEquals(10, starts.size(), "10 windows of 11 tokens in 101 tokens, each once");
    }

    @Test
    void seekingToASavedPositionContinuesExactly() {
        PackedTokens a = new PackedTokens(TOKENS, 9);
        for (int i = 0; i < 7; i++) {
            a.next(3, 10);
        }
        long[] pos = a.position();
        List<int[]> expected = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            expected.add(a.next(3, 10)[0].values());
        }
        PackedTokens b = new PackedTokens(TOKENS, 9);
        b.seek(pos);
        for (int[] e : expected) {
            assertArrayEquals(e, b.next(3, 10)[0].values());
        }
    }
}
