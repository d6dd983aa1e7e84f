package io.jemini.contrastive.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.contrastive.data.ShapeScenes;
import io.jemini.contrastive.data.Split;
import io.jemini.contrastive.data.WordTokenizer;
import io.jemini.contrastive.losses.ContrastiveLosses;
import io.jemini.contrastive.losses.SparseSimilarity;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.optim.AdamW;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The two towers on shape scenes: shapes, patchify layout, and the SPARC objective fitting a batch. */
class DualEncoderTest {
    @Test
    void patchifyTakesRowMajorSquarePatches() {
        VisionTransformer vit = new VisionTransformer(4, 2, 1, 8, 1, 2, 16, new Rng(0));
        float[] img = new float[16];
        for (int i = 0; i < 16; i++) {
            img[i] = i;
        }
        Tensor p = vit.patchify(Tensor.of(img, 1, 4, 4, 1));
        assertArrayEquals(new int[] {1, 4, 4}, p.dims());
        assertArrayEquals(new float[] {0, 1, 4, 5, 2, 3, 6, 7, 8, 9, 12, 13, 10, 11, 14, 15}, p.data());
    }

    @Test
    void sparcObjectiveFitsABatchOfScenes() {
        Rng rng = new Rng(7);
        int b = 8;
        int maxLen = 14;
        ShapeScenes scenes = new ShapeScenes(2, 0, ShapeScenes.defaultHeldOut());
        WordTokenizer tok = new WordTokenizer(scenes.vocabulary());
        float[] images = new float[b * 32 * 32 * 3];
        int[] ids = new int[b * maxLen];
        float[] mask = new float[b * maxLen];
        for (int i = 0; i < b; i++) {
            ShapeScenes.Scene s = scenes.sample(rng, Split.TRAIN);
            System.arraycopy(s.image(), 0, images, i * s.image().length, s.image().length);
            tok.encode(s.caption(), maxLen, ids, mask, i * maxLen);
        }
        DualEncoder model = new DualEncoder(new VisionTransformer(32, 4, 3, 32, 1, 4, 64, rng),
                new TextTransformer(tok.vocabSize(), maxLen, 32, 1, 4, 64, rng), 32, 16, rng);
        AdamW opt = new AdamW(model.parameters(), 0.9f, 0.98f, 1e-8f, 0.1f, n -> !n.equals("logit_scale"));
        Tensor x = Tensor.of(images, b, 32, 32, 3);
        Indices text = Indices.of(ids, b, maxLen);
        float firstFine = Float.NaN;
        float lastFine = Float.NaN;
        float lastClip = Float.NaN;
        for (int step = 0; step < 60; step++) {
            opt.zeroGrad();
            DualEncoder.Embeddings e = model.encode(x, text, mask);
            assertArrayEquals(new int[] {b, 64, 16}, e.patches().dims());
            assertArrayEquals(new int[] {b, 16}, e.textGlobal().dims());
            Tensor scale = model.logitScale().exp();
            Tensor clip = ContrastiveLosses.clip(e.imageGlobal(), e.textGlobal(), scale);
            Tensor fine = ContrastiveLosses.fineGrained(SparseSimilarity.apply(e.tokens(), e.patches(), 1f / 64).grouped(),
                    e.tokens(), mask, scale, ContrastiveLosses.Averaging.PER_SAMPLE);
            clip.mul(0.5f).add(fine).backward();
            model.parameters().forEach((name, p) -> assertTrue(p.gradData() != null, "no gradient reached " + name));
            opt.step(3e-3f);
            lastClip = clip.item();
            lastFine = fine.item();
            if (step == 0) {
                firstFine = lastFine;
            }
        }
        assertTrue(lastClip < 0.25 * Math.log(b), "the 8 pairs are told apart: clip loss " + lastClip + " vs chance " + Math.log(b));
        assertTrue(lastFine < firstFine, "fine-grained loss " + firstFine + " -> " + lastFine);
        assertEquals(b, x.dim(0));
    }
}
