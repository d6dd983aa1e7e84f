package io.jemini.contrastive.data;

import io.jemini.engine.random.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Real-image scenes from Fashion-MNIST: a 56×56 canvas whose four 28×28 quadrants hold up to four
 * items, each tinted a colour, captioned "a red bag on the top left and a blue boot on the bottom
 * right" (random order), with per-pixel masks from the items' own pixels (intensity above 0.1).
 * Tint–category combinations in {@code heldOut} appear only in the held-out split; evaluation
 * builds its scenes from the test images, training from the training images.
 */
public final class FashionScenes implements SceneSource {
    public static final int SIZE = 56;
    public static final List<String> TINTS = List.of("red", "green", "blue", "yellow");
    private static final List<String> PLACES = List.of("top left", "top right", "bottom left", "bottom right");
    private static final float[][] TINT = {{1f, 0.25f, 0.25f}, {0.3f, 1f, 0.3f}, {0.35f, 0.45f, 1f}, {1f, 0.95f, 0.3f}};

    /** One placed item: its index in the source, category, tint, quadrant, and whether the caption names it. */
    public record Item(int source, int label, int tint, int quadrant, boolean mentioned) {
        public String name() {
            return TINTS.get(tint) + " " + IdxImages.CLASSES[label];
        }
    }

    private final IdxImages images;
    private final int maxItems;
    private final double distractorRate;
    private final Set<Integer> heldOut;

    /**
     * @param maxItems       1 to 4 mentioned items per scene
     * @param distractorRate probability of one extra item the caption omits (when a quadrant is free)
     * @param heldOut        combinations {@code tint * 10 + category} only the held-out split contains
     */
    public FashionScenes(IdxImages images, int maxItems, double distractorRate, Set<Integer> heldOut) {
        if (images.rows() != 28 || images.cols() != 28) {
            throw new IllegalArgumentException("Fashion-MNIST items must be 28×28, got " + images.rows() + "×" + images.cols());
        }
        if (maxItems < 1 || maxItems > 4) {
            throw new IllegalArgumentException("Fashion-MNIST scenes hold 1 to 4 mentioned items, got " + maxItems);
        }
        this.images = images;
        this.maxItems = maxItems;
        this.distractorRate = distractorRate;
        this.heldOut = Set.copyOf(heldOut);
    }

    /** The default held-out combinations: green bag and blue sneaker. */
    public static Set<Integer> defaultHeldOut() {
        return Set.of(combination(TINTS.indexOf("green"), 8), combination(TINTS.indexOf("blue"), 7));
    }

    public static int combination(int tint, int category) {
        return tint * IdxImages.CLASSES.length + category;
    }

    @Override
    public String description() {
        return String.format(java.util.Locale.ROOT, "Fashion-MNIST scenes: %d×%d, 1 to %d tinted items from %,d images, "
                + "distractor rate %.2f", SIZE, SIZE, maxItems, images.count(), distractorRate);
    }

    @Override
    public int imageSize() {
        return SIZE;
    }

    @Override
    public List<String> vocabulary() {
        List<String> w = new ArrayList<>(List.of("a", "and", "on", "the", "top", "bottom", "left", "right"));
        w.addAll(TINTS);
        w.addAll(List.of(IdxImages.CLASSES));
        return w;
    }

    @Override
    public LabelledPair pair(Rng rng, Split split) {
        return sample(rng, split).pair();
    }

    /** A scene of the split: 1 to {@code maxItems} mentioned items and, at the distractor rate, one more. */
    public Scene sample(Rng rng, Split split) {
        int mentioned = 1 + rng.nextInt(maxItems);
        boolean distractor = mentioned < 4 && rng.nextDouble() < distractorRate;
        return scene(rng, split, mentioned, distractor);
    }

    /** Class {@code c} has the prompt "a {category c}"; tints are not part of the class. */
    @Override
    public List<String> classPrompts() {
        return Arrays.stream(IdxImages.CLASSES).map(c -> "a " + c).toList();
    }

    @Override
    public LabelledPair single(Rng rng, Split split) {
        return scene(rng, split, 1, false).pair();
    }

    /** Two items of different tints; the swapped caption exchanges their tint words. */
    @Override
    public Binding binding(Rng rng, Split split) {
        while (true) {
            Scene s = scene(rng, split, 2, false);
            if (s.items().get(0).tint() != s.items().get(1).tint()) {
                String a = TINTS.get(s.items().get(0).tint());
                String b = TINTS.get(s.items().get(1).tint());
                return new Binding(s.pair(), s.pair().caption().replace(a, "\u0000").replace(b, a).replace("\u0000", b));
            }
        }
    }

    /** A scene with its items, for tests and figures. */
    public record Scene(List<Item> items, LabelledPair pair) {
    }

    public Scene scene(Rng rng, Split split, int mentioned, boolean distractor) {
        int[] quadrants = {0, 1, 2, 3};
        rng.shuffle(quadrants);
        List<Item> items = new ArrayList<>();
        int total = mentioned + (distractor ? 1 : 0);
        for (int k = 0; k < total; k++) {
            items.add(item(rng, split, quadrants[k], k < mentioned, split == Split.HELD_OUT && k == 0));
        }
        float[] image = new float[SIZE * SIZE * 3];
        int[] pixelItem = new int[SIZE * SIZE];
        Arrays.fill(pixelItem, -1);
        for (int k = 0; k < items.size(); k++) {
            draw(items.get(k), k, image, pixelItem);
        }
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < mentioned; k++) {
            order.add(k);
        }
        rng.shuffle(order);
        StringBuilder caption = new StringBuilder();
        List<Integer> wordObject = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int k : order) {
            Item it = items.get(k);
            if (!caption.isEmpty()) {
                caption.append(" and ");
                wordObject.add(-1);
            }
            caption.append("a ").append(it.name()).append(" on the ").append(PLACES.get(it.quadrant()));
            wordObject.addAll(List.of(-1, k, k, -1, -1, -1, -1));
            names.add(it.name() + " " + it.quadrant());
        }
        names.sort(null);
        int[] objectClass = items.stream().mapToInt(Item::label).toArray();
        LabelledPair pair = new LabelledPair(image, SIZE, caption.toString(), pixelItem, items.size(),
                wordObject.stream().mapToInt(Integer::intValue).toArray(), objectClass, String.join(",", names));
        return new Scene(List.copyOf(items), pair);
    }

    /** An item whose tint–category combination suits the split (the first held-out item must be held out). */
    private Item item(Rng rng, Split split, int quadrant, boolean mentioned, boolean mustHoldOut) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            int source = rng.nextInt(images.count());
            int label = images.label(source);
            int tint = rng.nextInt(TINTS.size());
            boolean held = heldOut.contains(combination(tint, label));
            if (mustHoldOut == held && !(split == Split.TRAIN && held)) {
                return new Item(source, label, tint, quadrant, mentioned);
            }
        }
        throw new IllegalStateException("no item of these images fits the " + split + " split (held-out " + heldOut + ")");
    }

    private void draw(Item it, int index, float[] image, int[] pixelItem) {
        int y0 = (it.quadrant() / 2) * 28;
        int x0 = (it.quadrant() % 2) * 28;
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                float v = images.pixel(it.source(), r, c);
                int p = (y0 + r) * SIZE + x0 + c;
                for (int ch = 0; ch < 3; ch++) {
                    image[p * 3 + ch] = v * TINT[it.tint()][ch];
                }
                if (v > 0.1f) {
                    pixelItem[p] = index;
                }
            }
        }
    }
}
