package io.jemini.multimodal.data;

import io.jemini.contrastive.data.Split;
import io.jemini.engine.random.Rng;
import java.util.List;

/**
 * Generated scenes that documents can talk about: each object has a colour and a category and
 * stands at a horizontal place, and each scene has a caption. Held-out colour–category
 * combinations appear only in held-out scenes, as the first object.
 */
public interface SceneWorld {
    /** One drawn object: indices into {@link #colours()} and {@link #categories()}, and its left edge in pixels. */
    record Item(int colour, int category, int x) {
    }

    /** An RGB image ({@code [size, size, 3]} in [0, 1]), its objects (distractors too) and its caption. */
    record Scene(float[] image, List<Item> items, String caption) {
    }

    List<String> colours();

    List<String> categories();

    /** The question asking an object's category by its colour: "what shape is the red object ?". */
    String categoryQuestion(String colour);

    /** A scene of the split, drawn from {@code rng}. */
    Scene sample(Rng rng, Split split);

    /** Whether the combination appears only in held-out scenes. */
    boolean heldOut(int colour, int category);

    /** Every word of the captions. */
    List<String> vocabulary();

    int imageSize();

    String description();

    /** "red circle": the object's colour and category words. */
    default String name(Item item) {
        return colours().get(item.colour()) + " " + categories().get(item.category());
    }
}
