package io.jemini.contrastive.data;

import io.jemini.engine.random.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * Real-image scenes from Fashion-MNIST: a 56×56 canvas with two items in two of its four 28×28
 * quadrants, each tinted a colour, captioned "a red bag on the top left and a blue boot on the
 * bottom right" (random order), with per-pixel masks from the items' own pixels (intensity above
 * 0.1) and per-patch labels as in {@link ShapeScenes}.
 */
public final class FashionScenes {
    public static final int SIZE = 56;
    private static final String[] PLACES = {"top left", "top right", "bottom left", "bottom right"};
    private static final float[][] TINT = {{1f, 0.25f, 0.25f}, {0.3f, 1f, 0.3f}, {0.35f, 0.45f, 1f}, {1f, 0.95f, 0.3f}};
    private static final String[] TINT_NAMES = {"red", "green", "blue", "yellow"};

    /** One placed item: its index in the source, class, tint and quadrant. */
    public record Item(int source, int label, int tint, int quadrant) {
        public String name() {
            return TINT_NAMES[tint] + " " + IdxImages.CLASSES[label];
        }
    }

    /** A scene: {@code image [56, 56, 3]}, items, per-pixel item index (-1 background), caption. */
    public record Scene(float[] image, List<Item> items, int[] pixelItem, String caption) {
    }

    private final IdxImages source;

    public FashionScenes(IdxImages source) {
        if (source.rows() != 28 || source.cols() != 28) {
            throw new IllegalArgumentException("Fashion-MNIST items must be 28×28, got " + source.rows() + "×" + source.cols());
        }
        this.source = source;
    }

    public Scene sample(Rng rng) {
        int first = rng.nextInt(4);
        int second = (first + 1 + rng.nextInt(3)) % 4;
        List<Item> items = List.of(new Item(rng.nextInt(source.count()), 0, rng.nextInt(4), first),
                new Item(rng.nextInt(source.count()), 0, rng.nextInt(4), second));
        List<Item> labelled = new ArrayList<>();
        for (Item it : items) {
            labelled.add(new Item(it.source(), source.label(it.source()), it.tint(), it.quadrant()));
        }
        float[] image = new float[SIZE * SIZE * 3];
        int[] pixelItem = new int[SIZE * SIZE];
        java.util.Arrays.fill(pixelItem, -1);
        for (int k = 0; k < labelled.size(); k++) {
            Item it = labelled.get(k);
            int y0 = (it.quadrant() / 2) * 28;
            int x0 = (it.quadrant() % 2) * 28;
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    float v = source.pixel(it.source(), r, c);
                    int p = (y0 + r) * SIZE + x0 + c;
                    for (int ch = 0; ch < 3; ch++) {
                        image[p * 3 + ch] = v * TINT[it.tint()][ch];
                    }
                    if (v > 0.1f) {
                        pixelItem[p] = k;
                    }
                }
            }
        }
        List<Item> order = new ArrayList<>(labelled);
        if (rng.nextInt(2) == 1) {
            java.util.Collections.reverse(order);
        }
        StringBuilder caption = new StringBuilder();
        for (Item it : order) {
            caption.append(caption.isEmpty() ? "" : " and ").append("a ").append(it.name()).append(" on the ")
                    .append(PLACES[it.quadrant()]);
        }
        return new Scene(image, labelled, pixelItem, caption.toString());
    }
}
