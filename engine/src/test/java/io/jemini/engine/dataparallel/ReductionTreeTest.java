package io.jemini.engine.dataparallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jemini.engine.random.Rng;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReductionTreeTest {
    @Test
    void coverTakesTheHighestNodesInsideABlock() {
        assertEquals(List.of(new ReductionTree.Node(0, 4)), ReductionTree.cover(0, 4, 4));
        assertEquals(List.of(new ReductionTree.Node(2, 4)), ReductionTree.cover(2, 4, 4));
        assertEquals(List.of(new ReductionTree.Node(0, 1), new ReductionTree.Node(1, 2)), ReductionTree.cover(0, 2, 6));
        assertEquals(List.of(new ReductionTree.Node(2, 3), new ReductionTree.Node(3, 4)), ReductionTree.cover(2, 4, 6));
        assertEquals(List.of(new ReductionTree.Node(4, 6)), ReductionTree.cover(4, 6, 6));
    }

    @Test
    void theTreeIsPairwise() {
        float[][] leaf = {{1e8f}, {1f}, {-1e8f}, {1f}};
        Map<ReductionTree.Node, float[]> known = leaves(leaf);
        float expected = (1e8f + 1f) + (-1e8f + 1f);
        assertEquals(expected, ReductionTree.sum(new ReductionTree.Node(0, 4), known)[0]);
    }

    /** Workers that sum their own blocks and exchange node sums reach the single worker's bits. */
    @ParameterizedTest(name = "{0} micro-batches over {1} workers")
    @CsvSource({"4, 2", "4, 4", "8, 2", "8, 4", "6, 2", "6, 3", "12, 4", "5, 5"})
    void anySplitIntoBlocksGivesTheSameBits(int parts, int workers) {
        Rng rng = new Rng(parts * 31L + workers);
        float[][] leaf = new float[parts][257];
        for (float[] l : leaf) {
            for (int i = 0; i < l.length; i++) {
                l[i] = (float) (rng.nextGaussian() * Math.pow(10, rng.nextInt(8)));
            }
        }
        float[] alone = ReductionTree.sum(new ReductionTree.Node(0, parts), leaves(leaf));
        Map<ReductionTree.Node, float[]> exchanged = new HashMap<>();
        int block = parts / workers;
        for (int w = 0; w < workers; w++) {
            Map<ReductionTree.Node, float[]> own = new HashMap<>();
            for (int p = w * block; p < (w + 1) * block; p++) {
                own.put(new ReductionTree.Node(p, p + 1), leaf[p]);
            }
            for (ReductionTree.Node n : ReductionTree.cover(w * block, (w + 1) * block, parts)) {
                exchanged.put(n, ReductionTree.sum(n, own));
            }
        }
        assertArrayEquals(alone, ReductionTree.sum(new ReductionTree.Node(0, parts), exchanged));
    }

    @Test
    void aMissingMicroBatchIsNamed() {
        Map<ReductionTree.Node, float[]> known = leaves(new float[][] {{1f}, {2f}, {3f}});
        known.remove(new ReductionTree.Node(1, 2));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ReductionTree.sum(new ReductionTree.Node(0, 3), known));
        assertEquals("no worker sent the gradient of micro-batch 1", e.getMessage());
    }

    private static Map<ReductionTree.Node, float[]> leaves(float[][] leaf) {
        Map<ReductionTree.Node, float[]> known = new HashMap<>();
        for (int p = 0; p < leaf.length; p++) {
            known.put(new ReductionTree.Node(p, p + 1), leaf[p]);
        }
        return known;
    }
}
