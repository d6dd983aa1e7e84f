package io.jemini.engine.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.ShapeException;
import io.jemini.engine.tensor.Tensor;
import io.jemini.engine.testing.DArray;
import io.jemini.engine.testing.GradCheck;
import io.jemini.engine.testing.Reference;
import org.junit.jupiter.api.Test;

/** Memory-linear attention against the double-precision reference and against the plain attention op. */
class BlockwiseAttentionTest {
    /** The op's forward and gradients against the double-precision reference with the same options. */
    private static void check(String name, DArray q, DArray k, DArray v, boolean causal, int window) {
        GradCheck.of(name, q, k, v).run(t -> BlockwiseAttention.apply(t[0], t[1], t[2], causal, window),
                d -> Reference.attention(d[0], d[1], d[2], causal, window, null));
    }

    @Test
    void causalMatchesTheReferenceWithGradients() {
        Rng rng = new Rng(11);
        check("blockwise causal", GradCheck.randn(rng, 2, 2, 5, 4), GradCheck.randn(rng, 2, 2, 5, 4),
                GradCheck.randn(rng, 2, 2, 5, 4), true, 0);
        check("blockwise causal, head size 8 (the Vector API path on AVX2)", GradCheck.randn(rng, 1, 2, 9, 8),
                GradCheck.randn(rng, 1, 2, 9, 8), GradCheck.randn(rng, 1, 2, 9, 8), true, 0);
    }

    @Test
    void slidingWindowAndGroupedQueryHeads() {
        Rng rng = new Rng(12);
        DArray q = GradCheck.randn(rng, 1, 4, 7, 4);
        check("blockwise window 3, 4 query heads over 2 key heads", q, GradCheck.randn(rng, 1, 2, 7, 4),
                GradCheck.randn(rng, 1, 2, 7, 4), true, 3);
        check("blockwise multi-query", q, GradCheck.randn(rng, 1, 1, 7, 4), GradCheck.randn(rng, 1, 1, 7, 4), true, 0);
    }

    @Test
    void keyPaddingHidesKeysFromEveryQuery() {
        Rng rng = new Rng(15);
        int[][] padding = {{0, 0, 1, 0, 1, 1}, {0, 1, 0, 0, 0, 1}};
        float[] mask = new float[12];
        for (int b = 0; b < 2; b++) {
            for (int j = 0; j < 6; j++) {
                mask[b * 6 + j] = padding[b][j];
            }
        }
        Tensor keyPadding = Tensor.of(mask, 2, 6);
        DArray q = GradCheck.randn(rng, 2, 4, 6, 4);
        DArray k = GradCheck.randn(rng, 2, 2, 6, 4);
        DArray v = GradCheck.randn(rng, 2, 2, 6, 4);
        GradCheck.of("blockwise bidirectional with key padding, grouped heads", q, k, v)
                .run(t -> BlockwiseAttention.apply(t[0], t[1], t[2], false, 0, keyPadding),
                        d -> Reference.attention(d[0], d[1], d[2], false, 0, padding));
        GradCheck.of("blockwise causal window 4 with key padding", q, k, v)
                .run(t -> BlockwiseAttention.apply(t[0], t[1], t[2], true, 4, keyPadding),
                        d -> Reference.attention(d[0], d[1], d[2], true, 4, padding));
    }

    @Test
    void fewerQueriesThanKeysSitAtTheEndAndNonCausalSeesAll() {
        Rng rng = new Rng(13);
        DArray q = GradCheck.randn(rng, 1, 2, 3, 4);
        DArray k = GradCheck.randn(rng, 1, 2, 6, 4);
        DArray v = GradCheck.randn(rng, 1, 2, 6, 4);
        check("blockwise 3 queries over 6 keys", q, k, v, true, 0);
        check("blockwise bidirectional", q, k, v, false, 0);
    }

    @Test
    void matchesThePlainOpAtALengthWhereItFits() {
        Rng rng = new Rng(14);
        Tensor q = Tensor.randn(rng, 1f, 2, 4, 300, 16);
        Tensor k = Tensor.randn(rng, 1f, 2, 4, 300, 16);
        Tensor v = Tensor.randn(rng, 1f, 2, 4, 300, 16);
        float[] plain = Attention.scaledDotProduct(q, k, v, true, null).data();
        float[] blockwise = BlockwiseAttention.apply(q, k, v, true, 0).data();
        assertArrayEquals(plain, blockwise, 2e-5f, "blockwise against the plain op");
    }

    @Test
    void cachedQueriesMatchTheFullComputation() {
        Rng rng = new Rng(15);
        int capacity = 10;
        Tensor q = Tensor.randn(rng, 1f, 1, 4, 6, 8);
        Tensor k = Tensor.randn(rng, 1f, 1, 2, 6, 8);
        Tensor v = Tensor.randn(rng, 1f, 1, 2, 6, 8);
        float[] keys = new float[2 * capacity * 8];
        float[] values = new float[2 * capacity * 8];
        for (int h = 0; h < 2; h++) {
            System.arraycopy(k.data(), h * 6 * 8, keys, h * capacity * 8, 6 * 8);
            System.arraycopy(v.data(), h * 6 * 8, values, h * capacity * 8, 6 * 8);
        }
        float[] full = BlockwiseAttention.apply(q, k, v, true, 0).data();
        Tensor last = Shapes.slice(q, 2, 4, 6);
        float[] cached = BlockwiseAttention.overCache(last, keys, values, 2, 6, capacity, 0).data();
        for (int h = 0; h < 4; h++) {
            for (int i = 0; i < 2 * 8; i++) {
                assertEquals(full[(h * 6 + 4) * 8 + i], cached[h * 2 * 8 + i], 1e-6f);
            }
        }
    }

    @Test
    void headsThatDoNotGroupAreRejected() {
        Tensor q = Tensor.zeros(1, 3, 2, 4);
        Tensor k = Tensor.zeros(1, 2, 2, 4);
        assertThrows(ShapeException.class, () -> BlockwiseAttention.apply(q, k, k, true, 0));
    }
}
