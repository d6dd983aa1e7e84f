package io.jemini.contrastive.training;

import io.jemini.contrastive.data.ShapeScenes;
import io.jemini.contrastive.data.WordTokenizer;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** A batch of scenes as model inputs: images {@code [B, 32, 32, 3]}, caption ids {@code [B, L]} and their mask. */
public record SceneBatch(List<ShapeScenes.Scene> scenes, Tensor images, Indices ids, float[] mask) {
    /** {@code size} scenes of {@code split} drawn from {@code rng}. */
    public static SceneBatch sample(ShapeScenes generator, WordTokenizer tokenizer, Rng rng, int size, int maxCaption,
                                    ShapeScenes.Split split) {
        List<ShapeScenes.Scene> scenes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            scenes.add(generator.sample(rng, split));
        }
        return of(scenes, tokenizer, maxCaption);
    }

    public static SceneBatch of(List<ShapeScenes.Scene> scenes, WordTokenizer tokenizer, int maxCaption) {
        int b = scenes.size();
        int pixels = ShapeScenes.SIZE * ShapeScenes.SIZE * 3;
        float[] images = new float[b * pixels];
        int[] ids = new int[b * maxCaption];
        float[] mask = new float[b * maxCaption];
        for (int i = 0; i < b; i++) {
            System.arraycopy(scenes.get(i).image(), 0, images, i * pixels, pixels);
            tokenizer.encode(scenes.get(i).caption(), maxCaption, ids, mask, i * maxCaption);
        }
        return new SceneBatch(List.copyOf(scenes), Tensor.of(images, b, ShapeScenes.SIZE, ShapeScenes.SIZE, 3),
                Indices.of(ids, b, maxCaption), mask);
    }
}
