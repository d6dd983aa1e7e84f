package io.jemini.contrastive.data;

import io.jemini.engine.random.Rng;
import java.util.List;
import java.util.Map;

/**
 * A seeded source of labelled image–caption pairs and what its evaluations need: the class
 * prompts of zero-shot classification and segmentation, single-object scenes to classify, and
 * attribute-swapped captions for the binding test. A source without labels returns an empty
 * prompt list and no binding pairs, and the evaluations that need them are left out.
 */
public interface SceneSource {
    /** A caption whose attributes were swapped between two of the image's objects. */
    record Binding(LabelledPair pair, String swapped) {
    }

    /** What the data is, for logs and reports. */
    String description();

    int imageSize();

    /** Every word captions and prompts can hold, in a fixed order (the tokenizer's vocabulary). */
    List<String> vocabulary();

    /** The splits this source can draw from: by default the seen and the held-out combinations. */
    default List<Split> splits() {
        return List.of(Split.values());
    }

    LabelledPair pair(Rng rng, Split split);

    /** A fixed evaluation set of {@code n} pairs of the split (by default, {@code n} draws). */
    default List<LabelledPair> testSet(Rng rng, Split split, int n) {
        List<LabelledPair> out = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(pair(rng, split));
        }
        return out;
    }

    /** The zero-shot classes' prompts ("a red circle"); a class index is a position in this list. */
    List<String> classPrompts();

    /** Coarser labels of each class scored on their own (e.g. "colour" → colour of each class); none by default. */
    default Map<String, int[]> classAttributes() {
        return Map.of();
    }

    /** A scene of one object, whose class is {@code objectClass()[0]}; only when there are class prompts. */
    LabelledPair single(Rng rng, Split split);

    /** A two-object scene and its attribute-swapped caption, or null when the source has no such test. */
    Binding binding(Rng rng, Split split);
}
