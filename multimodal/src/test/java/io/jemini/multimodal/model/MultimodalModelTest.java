package io.jemini.multimodal.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.nn.FeedForward;
import io.jemini.engine.nn.ForwardContext;
import io.jemini.engine.nn.Norm;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.ops.Losses;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import io.jemini.lm.model.LmConfig;
import io.jemini.multimodal.data.Document;
import io.jemini.multimodal.data.PackedBatch;
import io.jemini.multimodal.data.Segment;
import io.jemini.multimodal.data.Vocabulary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Patches sit in the sequence where the document puts them: what follows an image depends on it, nothing before does. */
class MultimodalModelTest {
    private static MultimodalModel model() {
        return new MultimodalModel(new LmConfig(12, 16, 2, 2, 24, 32, Norm.Kind.RMS, FeedForward.Kind.SWIGLU, 10000, false,
                1e-5f), 12, null, new Rng(3));
    }

    private static PackedBatch batch(float brightness) {
        float[] image = new float[4 * 4 * 3];
        java.util.Arrays.fill(image, brightness);
        Document d = new Document(List.of(Segment.text(new int[] {5, 6}), Segment.image(image),
                Segment.text(new int[] {7, 8, Vocabulary.END})), null);
        return PackedBatch.single(d, 4, 2);
    }

    @Test
    void wordsAfterAnImageSeeItAndWordsBeforeDoNot() {
        MultimodalModel m = model();
        float[] dark = m.logits(batch(0.1f), ForwardContext.INFERENCE).read();
        float[] bright = m.logits(batch(0.9f), ForwardContext.INFERENCE).read();
        int vocab = 12;
        for (int t = 0; t < 2; t++) {
            assertArrayEquals(java.util.Arrays.copyOfRange(dark, t * vocab, (t + 1) * vocab),
                    java.util.Arrays.copyOfRange(bright, t * vocab, (t + 1) * vocab), "causal: position " + t);
        }
        int after = 2 + 1 + 4 + 1;
        assertFalse(java.util.Arrays.equals(java.util.Arrays.copyOfRange(dark, after * vocab, (after + 1) * vocab),
                java.util.Arrays.copyOfRange(bright, after * vocab, (after + 1) * vocab)), "the word after </img> sees it");
    }

    @Test
    void theTextLossTrainsThePatchProjectionAndLeavesPatchSlotsEmbeddingsAlone() {
        MultimodalModel m = model();
        PackedBatch b = batch(0.5f);
        Tensor loss = Losses.crossEntropy(m.logits(b, ForwardContext.INFERENCE), Indices.of(b.targets(), 1, b.length()),
                Losses.IGNORE_INDEX, 0f);
        loss.backward();
        float[] patchGrad = m.parameters().get("vision.patch.weight").grad().read();
        assertTrue(java.util.Arrays.stream(toDoubles(patchGrad)).anyMatch(g -> g != 0), "patches get a gradient");
        float[] embedGrad = m.parameters().get("lm.embed.weight").grad().read();
        int padRowUsedOnlyAtPatches = Vocabulary.PAD;
        for (int d = 0; d < 16; d++) {
            assertEquals(0f, embedGrad[padRowUsedOnlyAtPatches * 16 + d], "the placeholder word under a patch is never read");
        }
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
