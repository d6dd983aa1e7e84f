package io.jemini.lm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.nn.AttentionShape;
import io.jemini.engine.nn.FeedForward;
import io.jemini.engine.nn.KvCache;
import io.jemini.engine.nn.Norm;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.ops.RopeScaling;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decoder's long-context options: blockwise and grouped-query attention, windows, checkpointing, caches and limits. */
class LongContextModelTest {
    private static TransformerLm model(AttentionShape attention, boolean checkpoint, int context) {
        return new TransformerLm(new LmConfig(29, 32, 2, 4, 48, 24, Norm.Kind.RMS, FeedForward.Kind.SWIGLU, 10000, false, 1e-5f, attention, context,
                RopeScaling.NONE, checkpoint), new Rng(5));
    }

    private static Indices ids(int t) {
        int[] v = new int[2 * t];
        Rng rng = new Rng(9);
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextInt(29);
        }
        return Indices.of(v, 2, t);
    }

    @Test
    void blockwiseAttentionGivesThePlainModelsLogits() {
        for (AttentionShape plain : new AttentionShape[] {new AttentionShape(4, 2, AttentionShape.Kind.PLAIN, 0), new AttentionShape(4, 1, AttentionShape.Kind.PLAIN, 5)}) {
            AttentionShape blockwise = new AttentionShape(4, plain.kvHeads(), AttentionShape.Kind.BLOCKWISE, plain.window());
            float[] a = model(plain, false, 64).logits(ids(20)).data();
            float[] b = model(blockwise, false, 64).logits(ids(20)).data();
            assertArrayEquals(a, b, 1e-4f);
        }
    }

    @Test
    void checkpointedBlocksGiveTheSameGradients() {
        AttentionShape shape = new AttentionShape(4, 2, AttentionShape.Kind.BLOCKWISE, 0);
        Map<String, float[]> plain = gradients(model(shape, false, 64));
        Map<String, float[]> checkpointed = gradients(model(shape, true, 64));
        assertEquals(plain.keySet(), checkpointed.keySet());
        plain.forEach((name, g) -> assertArrayEquals(g, checkpointed.get(name), name));
    }

    private static Map<String, float[]> gradients(TransformerLm lm) {
        Indices in = ids(16);
        int[] next = new int[in.values().length];
        for (int i = 0; i < next.length; i++) {
            next[i] = (i * 7) % 29;
        }
        lm.loss(in, Indices.of(next, 2, 16)).backward();
        Map<String, float[]> out = new java.util.TreeMap<>();
        lm.parameters().forEach((k, p) -> out.put(k, p.gradData().clone()));
        return out;
    }

    @Test
    void cachedChunkedPrefillAndDecodingMatchTheFullForward() {
        TransformerLm lm = model(new AttentionShape(4, 2, AttentionShape.Kind.BLOCKWISE, 6), false, 64);
        Indices all = ids(22);
        try (var noGrad = GradMode.disabled()) {
            float[] full = lm.logits(all).data();
            KvCache cache = lm.newCache(2, 22);
            int[] chunks = {8, 8, 5, 1};
            int start = 0;
            for (int c : chunks) {
                int[] part = new int[2 * c];
                for (int b = 0; b < 2; b++) {
                    System.arraycopy(all.values(), b * 22 + start, part, b * c, c);
                }
                float[] logits = lm.logitsCached(Indices.of(part, 2, c), cache).data();
                for (int b = 0; b < 2; b++) {
                    float[] expected = Arrays.copyOfRange(full, (b * 22 + start) * 29, (b * 22 + start + c) * 29);
                    assertArrayEquals(expected, Arrays.copyOfRange(logits, b * c * 29, (b + 1) * c * 29), 1e-4f);
                }
                start += c;
            }
            assertEquals(22, cache.length());
        }
    }

    @Test
    void requestsBeyondTheContextOrTheHeapFailBeforeAnyWork() {
        TransformerLm small = model(AttentionShape.multiHead(4), false, 48);
        IllegalArgumentException limit = assertThrows(IllegalArgumentException.class, () -> small.newCache(1, 49));
        assertTrue(limit.getMessage().contains("exceeds the model's limit of 48 (model.context)"), limit.getMessage());
        TransformerLm huge = model(AttentionShape.multiHead(4), false, 1 << 30);
        IllegalArgumentException memory = assertThrows(IllegalArgumentException.class, () -> huge.newCache(64, 1 << 30));
        assertTrue(memory.getMessage().contains("GiB") && memory.getMessage().contains("2 · 2 layers · 64 sequences · 4 "
                + "key/value heads · 8 head size"), memory.getMessage());
        assertEquals(2L * 2 * 1 * 1 * 8 * 1_000_000 * 4, KvCache.bytes(2, 1, 1, 8, 1_000_000));
    }

    @Test
    void gradModeIsRestoredAfterCheckpointing() {
        TransformerLm lm = model(AttentionShape.multiHead(4), true, 64);
        Tensor logits = lm.logits(ids(8));
        assertTrue(logits.requiresGrad() && GradMode.isEnabled());
    }
}
