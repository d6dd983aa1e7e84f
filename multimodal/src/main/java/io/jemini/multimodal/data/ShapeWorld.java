package io.jemini.multimodal.data;

import io.jemini.contrastive.data.ShapeScenes;
import io.jemini.contrastive.data.Split;
import io.jemini.engine.random.Rng;
import java.util.List;

/** Shape scenes as documents see them: coloured circles, squares, triangles, diamonds and crosses on 32×32 pixels. */
public final class ShapeWorld implements SceneWorld {
    private final ShapeScenes scenes;
    private final java.util.Set<Integer> heldOut = ShapeScenes.defaultHeldOut();

    public ShapeWorld(int maxObjects, double distractorRate) {
        this.scenes = new ShapeScenes(maxObjects, distractorRate, heldOut);
    }

    @Override
    public List<String> colours() {
        return ShapeScenes.COLOURS;
    }

    @Override
    public List<String> categories() {
        return ShapeScenes.SHAPES;
    }

    @Override
    public String categoryQuestion(String colour) {
        return "what shape is the " + colour + " object ?";
    }

    @Override
    public Scene sample(Rng rng, Split split) {
        ShapeScenes.Scene s = scenes.sample(rng, split);
        return new Scene(s.image(), s.objects().stream().map(o -> new Item(o.colour(), o.shape(), o.x())).toList(),
                s.caption());
    }

    @Override
    public boolean heldOut(int colour, int category) {
        return heldOut.contains(ShapeScenes.combination(colour, category));
    }

    @Override
    public List<String> vocabulary() {
        return scenes.vocabulary();
    }

    @Override
    public int imageSize() {
        return ShapeScenes.SIZE;
    }

    @Override
    public String description() {
        return scenes.description();
    }
}
