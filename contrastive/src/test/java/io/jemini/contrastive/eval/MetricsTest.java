package io.jemini.contrastive.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The evaluation metrics on small hand-made embeddings whose answers are known. */
class MetricsTest {
    private static final float[] AXES = {1, 0, 0, 0, 1, 0, 0, 0, 1};

    @Test
    void zeroShotAndPairwise() {
        float[] images = {2, 0.1f, 0, 0, 0, 3, 0.2f, 1, 0};
        assertEquals(1.0, GlobalMetrics.zeroShotAccuracy(images, AXES, new int[] {0, 2, 1}, 3));
        assertEquals(2.0 / 3, GlobalMetrics.zeroShotAccuracy(images, AXES, new int[] {0, 2, 0}, 3), 1e-12);
        float[] swapped = {0, 1, 0, 1, 0, 0, 1, 0, 0};
        assertEquals(1.0, GlobalMetrics.pairwiseAccuracy(images, new float[] {1, 0, 0, 0, 0, 1, 0, 1, 0}, swapped, 3));
    }

    @Test
    void recallCountsAnyCandidateOfTheSameGroup() {
        float[] queries = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        float[] candidates = {0, 1, 0, 1, 0, 0, 0, 0, 1};
        assertEquals(1.0 / 3, GlobalMetrics.recallAtK(queries, candidates, new int[] {0, 1, 2}, 3, 1), 1e-12);
        assertEquals(1.0, GlobalMetrics.recallAtK(queries, candidates, new int[] {0, 0, 2}, 3, 1), 1e-12);
        assertEquals(1.0, GlobalMetrics.recallAtK(queries, candidates, new int[] {0, 1, 2}, 3, 2), 1e-12);
    }

    @Test
    void signAwarePointingTellsAnAntiAlignedTokenFromAnUnrelatedOne() {
        float[] patches = {2, 0, -1, 0, 0, 0.5f};
        int[] patchObject = {0, -1, -1};
        float[] antiAligned = {-1, 0};
        int[] named = {0};
        assertEquals(new LocalMetrics.Count(0, 1), LocalMetrics.pointingGame(antiAligned, patches, named, patchObject, 2));
        assertEquals(new LocalMetrics.Count(1, 1), LocalMetrics.pointingGame(antiAligned, patches, named, patchObject, 2,
                LocalMetrics.Pointer.LEAST_SIMILAR));
        assertEquals(new LocalMetrics.Count(1, 1), LocalMetrics.pointingGame(antiAligned, patches, named, patchObject, 2,
                LocalMetrics.Pointer.LARGEST_MAGNITUDE));
        java.util.List<LocalMetrics.TokenAlignment> profile = LocalMetrics.alignment(antiAligned, patches,
                new float[] {0, 1, 0}, named, patchObject, 2);
        assertEquals(1, profile.size());
        assertEquals(-2.0, profile.get(0).itemSimilarity(), 1e-12, "mean similarity on the item");
        assertEquals(0.5, profile.get(0).backgroundSimilarity(), 1e-12, "mean similarity on background ((1 + 0) / 2)");
        assertEquals(1.0, profile.get(0).backgroundWeight(), 1e-12, "weight on background");
        assertEquals(1.0, profile.get(0).patchesKept(), 1e-12, "patches kept");
    }

    @Test
    void sharedDirectionIsTheShareOfTheTokensLengthAlongTheirMean() {
        assertEquals(1.0, LocalMetrics.sharedDirection(java.util.List.of(new float[] {3, 0}, new float[] {1, 0})), 1e-12);
        assertEquals(0.0, LocalMetrics.sharedDirection(java.util.List.of(new float[] {1, 0}, new float[] {-1, 0})), 1e-12);
        assertEquals(Math.sqrt(0.5), LocalMetrics.sharedDirection(java.util.List.of(new float[] {1, 0}, new float[] {0, 1})),
                1e-9);
    }

    @Test
    void pointingGameAndGroupingPrecision() {
        float[] patches = {1, 0, 0, 1, 1, 1};
        int[] patchObject = {0, 1, -1};
        float[] tokens = {5, 0, 0, 3, -1, -1};
        LocalMetrics.Count c = LocalMetrics.pointingGame(tokens, patches, new int[] {0, 0}, patchObject, 2);
        assertEquals(new LocalMetrics.Count(1, 2), c);
        float[] weights = {0.5f, 0.25f, 0.25f, 0f, 1f, 0f};
        assertEquals((0.5 + 1.0) / 2, LocalMetrics.groupingPrecision(weights, new int[] {0, 1}, patchObject), 1e-12);
        assertEquals(new LocalMetrics.Count(0, 0), LocalMetrics.pointingGame(tokens, patches, new int[] {-1, 7}, patchObject, 2));
    }

    @Test
    void segmentationIouWithAndWithoutBackground() {
        float[] patches = {1, 0, 0, 1, 0, 1, 1, 0, -1, -0.5f, 0.3f, -1};
        float[] prompts = {1, 0, 0, 1};
        int[] truth = {0, 1, -1, 0, -1, 1};
        assertArrayEquals(new double[] {2 / 3.0, 0.5}, LocalMetrics.segmentationIou(patches, prompts, new int[] {0, 1}, truth, 2,
                false), 1e-12, "background patches are left out; the last patch (class 1) is taken for class 0");
        assertArrayEquals(new double[] {2 / 3.0, 1 / 3.0}, LocalMetrics.segmentationIou(patches, prompts, new int[] {0, 1}, truth, 2,
                true), 1e-12, "patch 4 matches no class (background, right); background patch 2 is taken for class 1 (wrong)");
    }
}
