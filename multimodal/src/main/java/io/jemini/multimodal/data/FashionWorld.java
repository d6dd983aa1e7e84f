package io.jemini.multimodal.data;

import io.jemini.contrastive.data.FashionScenes;
import io.jemini.contrastive.data.IdxImages;
import io.jemini.contrastive.data.Split;
import io.jemini.engine.random.Rng;
import java.util.List;

/**
 * Fashion-MNIST scenes as documents see them: up to four tinted items (t-shirt … boot) in the
 * quadrants of a 56×56 canvas, captioned "a red bag on the top left and …"; an item's place is
 * its quadrant's left edge, so left-of questions compare items in different columns.
 */
public final class FashionWorld implements SceneWorld {
    private static final int QUADRANT = FashionScenes.SIZE / 2;

    private final FashionScenes scenes;

    public FashionWorld(IdxImages images, int maxItems, double distractorRate) {
        this.scenes = new FashionScenes(images, maxItems, distractorRate, FashionScenes.defaultHeldOut());
    }

    @Override
    public List<String> colours() {
        return FashionScenes.TINTS;
    }

    @Override
    public List<String> categories() {
        return List.of(IdxImages.CLASSES);
    }

    @Override
    public String categoryQuestion(String colour) {
        return "what is the " + colour + " object ?";
    }

    @Override
    public Scene sample(Rng rng, Split split) {
        FashionScenes.Scene s = scenes.sample(rng, split);
        return new Scene(s.pair().image(), s.items().stream()
                .map(i -> new Item(i.tint(), i.label(), (i.quadrant() % 2) * QUADRANT)).toList(), s.pair().caption());
    }

    @Override
    public boolean heldOut(int colour, int category) {
        return FashionScenes.defaultHeldOut().contains(FashionScenes.combination(colour, category));
    }

    @Override
    public List<String> vocabulary() {
        return scenes.vocabulary();
    }

    @Override
    public int imageSize() {
        return FashionScenes.SIZE;
    }

    @Override
    public String description() {
        return scenes.description();
    }
}
