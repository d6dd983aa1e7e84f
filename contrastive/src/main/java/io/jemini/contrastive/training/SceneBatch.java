package io.jemini.contrastive.training;

import io.jemini.contrastive.data.LabelledPair;
import io.jemini.contrastive.data.SceneSource;
import io.jemini.contrastive.data.Split;
import io.jemini.contrastive.data.WordTokenizer;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A batch of pairs as model inputs: images {@code [B, S, S, 3]}, caption ids {@code [B, L]} and their mask. */
public record SceneBatch(List<LabelledPair> pairs, Tensor images, Indices ids, float[] mask) {
    /** {@code size} pairs of {@code split} drawn from {@code rng}. */
    public static SceneBatch sample(SceneSource source, WordTokenizer tokenizer, Rng rng, int size, int maxCaption, Split split) {
        List<LabelledPair> pairs = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            pairs.add(source.pair(rng, split));
        }
        return of(pairs, tokenizer, maxCaption);
    }

    public static SceneBatch of(List<LabelledPair> pairs, WordTokenizer tokenizer, int maxCaption) {
        int b = pairs.size();
        int[] ids = new int[b * maxCaption];
        float[] mask = new float[b * maxCaption];
        for (int i = 0; i < b; i++) {
            tokenizer.encode(pairs.get(i).caption(), maxCaption, ids, mask, i * maxCaption);
        }
        return new SceneBatch(List.copyOf(pairs), images(pairs), Indices.of(ids, b, maxCaption), mask);
    }

    /** Pairs {@code [from, to)} as a batch of their own (a micro-batch), their captions as already encoded. */
    public SceneBatch rows(int from, int to) {
        int l = ids.shape().dim(1);
        int pixels = images.numel() / pairs.size();
        float[] px = Arrays.copyOfRange(images.buffer(), from * pixels, to * pixels);
        return new SceneBatch(pairs.subList(from, to), Tensor.of(px, images.shape().with(0, to - from)),
                Indices.of(Arrays.copyOfRange(ids.values(), from * l, to * l), to - from, l),
                Arrays.copyOfRange(mask, from * l, to * l));
    }

    /** The pairs' images stacked as {@code [B, S, S, 3]}. */
    public static Tensor images(List<LabelledPair> pairs) {
        int side = pairs.get(0).size();
        int pixels = side * side * 3;
        float[] images = new float[pairs.size() * pixels];
        for (int i = 0; i < pairs.size(); i++) {
            System.arraycopy(pairs.get(i).image(), 0, images, i * pixels, pixels);
        }
        return Tensor.of(images, pairs.size(), side, side, 3);
    }
}
