package io.jemini.contrastive.data;

import io.jemini.engine.random.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Procedural image–caption pairs for fine-grained alignment, generated from a seed: 32×32 RGB
 * scenes of 1–3 non-overlapping coloured shapes on a dark, slightly noisy background, captions
 * such as "a small red circle and a large blue cross" (objects in random order), per-pixel
 * object masks, per-patch object labels (4×4 patches; a patch belongs to an object covering at
 * least half of it), a token→object map, optional distractor objects the caption leaves out,
 * and a held-out set of colour–shape combinations that training scenes never contain.
 */
public final class ShapeScenes implements SceneSource {
    public static final int SIZE = 32;
    public static final List<String> SHAPES = List.of("circle", "square", "triangle", "diamond", "cross");
    public static final List<String> COLOURS = List.of("red", "green", "blue", "yellow", "magenta", "cyan");
    private static final float[][] RGB = {{0.9f, 0.1f, 0.1f}, {0.1f, 0.8f, 0.1f}, {0.15f, 0.25f, 0.95f},
        {0.9f, 0.85f, 0.1f}, {0.85f, 0.1f, 0.85f}, {0.1f, 0.85f, 0.85f}};
    private static final int[] SIDES = {6, 10};

    /** One placed object: colour and shape indices, size index (0 small, 1 large), top-left corner. */
    public record SceneObject(int colour, int shape, int size, int x, int y, boolean mentioned) {
        public String name() {
            return COLOURS.get(colour) + " " + SHAPES.get(shape);
        }
    }

    /**
     * A generated pair: {@code image} is {@code [32, 32, 3]} in [0, 1]; {@code pixelObject} gives
     * the object index per pixel (-1 background); {@code caption} is the text and
     * {@code captionObject} the object each word names (-1 for "a", "and").
     */
    public record Scene(float[] image, List<SceneObject> objects, int[] pixelObject, String caption, int[] captionObject) {
    }

    private final int maxObjects;
    private final double distractorRate;
    private final Set<Integer> heldOut;

    /**
     * @param maxObjects     1 to 3 mentioned objects per scene
     * @param distractorRate probability of one extra object the caption omits
     * @param heldOut        combinations {@code colour * 5 + shape} that only the held-out split contains
     */
    public ShapeScenes(int maxObjects, double distractorRate, Set<Integer> heldOut) {
        if (maxObjects < 1 || maxObjects > 3) {
            throw new IllegalArgumentException("shape scenes hold 1 to 3 mentioned objects, got " + maxObjects);
        }
        this.maxObjects = maxObjects;
        this.distractorRate = distractorRate;
        this.heldOut = Set.copyOf(heldOut);
    }

    /** The default held-out combinations: green triangle and cyan square. */
    public static Set<Integer> defaultHeldOut() {
        return Set.of(combination(COLOURS.indexOf("green"), SHAPES.indexOf("triangle")),
                combination(COLOURS.indexOf("cyan"), SHAPES.indexOf("square")));
    }

    public static int combination(int colour, int shape) {
        return colour * SHAPES.size() + shape;
    }

    /**
     * A scene of the split: training scenes never contain a held-out combination; held-out scenes
     * contain at least one, mentioned.
     */
    public Scene sample(Rng rng, Split split) {
        int mentioned = 1 + rng.nextInt(maxObjects);
        boolean distractor = rng.nextDouble() < distractorRate;
        List<SceneObject> objects = new ArrayList<>();
        int[] pixelObject = new int[SIZE * SIZE];
        java.util.Arrays.fill(pixelObject, -1);
        int total = mentioned + (distractor ? 1 : 0);
        for (int i = 0; i < total; i++) {
            boolean isMentioned = i < mentioned;
            boolean mustHoldOut = split == Split.HELD_OUT && i == 0;
            SceneObject o = place(rng, pixelObject, objects.size(), isMentioned, mustHoldOut, split);
            if (o == null) {
                if (isMentioned && i == 0) {
                    throw new IllegalStateException("could not place the first object");
                }
                break;
            }
            objects.add(o);
        }
        float[] image = render(rng, objects, pixelObject);
        return caption(rng, objects, image, pixelObject);
    }

    @Override
    public String description() {
        return String.format(java.util.Locale.ROOT, "shape scenes: %d×%d, 1 to %d mentioned objects, distractor rate %.2f",
                SIZE, SIZE, maxObjects, distractorRate);
    }

    @Override
    public int imageSize() {
        return SIZE;
    }

    @Override
    public List<String> vocabulary() {
        List<String> w = new ArrayList<>(List.of("a", "and", "small", "large"));
        w.addAll(COLOURS);
        w.addAll(SHAPES);
        return w;
    }

    @Override
    public LabelledPair pair(Rng rng, Split split) {
        return toPair(sample(rng, split));
    }

    /** Class {@code colour * 5 + shape} has the prompt "a {colour} {shape}". */
    @Override
    public List<String> classPrompts() {
        List<String> prompts = new ArrayList<>();
        for (String colour : COLOURS) {
            for (String shape : SHAPES) {
                prompts.add("a " + colour + " " + shape);
            }
        }
        return prompts;
    }

    @Override
    public Map<String, int[]> classAttributes() {
        int n = COLOURS.size() * SHAPES.size();
        int[] colour = new int[n];
        int[] shape = new int[n];
        for (int c = 0; c < n; c++) {
            colour[c] = c / SHAPES.size();
            shape[c] = c % SHAPES.size();
        }
        return Map.of("colour", colour, "shape", shape);
    }

    @Override
    public LabelledPair single(Rng rng, Split split) {
        return new ShapeScenes(1, 0, heldOut).pair(rng, split);
    }

    /** Two objects of different colours; the swapped caption exchanges their colour words. */
    @Override
    public Binding binding(Rng rng, Split split) {
        ShapeScenes two = new ShapeScenes(2, 0, heldOut);
        while (true) {
            Scene s = two.sample(rng, split);
            if (s.objects().size() == 2 && s.objects().get(0).colour() != s.objects().get(1).colour()) {
                String a = COLOURS.get(s.objects().get(0).colour());
                String b = COLOURS.get(s.objects().get(1).colour());
                return new Binding(toPair(s), s.caption().replace(a, "\u0000").replace(b, a).replace("\u0000", b));
            }
        }
    }

    /** The scene as a labelled pair: colour and shape words are its content words. */
    public LabelledPair toPair(Scene s) {
        String[] words = s.caption().split(" ");
        int[] wordObject = new int[words.length];
        for (int w = 0; w < words.length; w++) {
            boolean content = COLOURS.contains(words[w]) || SHAPES.contains(words[w]);
            wordObject[w] = content ? s.captionObject()[w] : -1;
        }
        int[] objectClass = new int[s.objects().size()];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < objectClass.length; i++) {
            SceneObject o = s.objects().get(i);
            objectClass[i] = combination(o.colour(), o.shape());
            if (o.mentioned()) {
                names.add(o.size() + " " + o.name());
            }
        }
        names.sort(null);
        return new LabelledPair(s.image(), SIZE, s.caption(), s.pixelObject(), s.objects().size(), wordObject, objectClass,
                String.join(",", names));
    }

    private SceneObject place(Rng rng, int[] pixelObject, int index, boolean mentioned, boolean mustHoldOut, Split split) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int colour = rng.nextInt(COLOURS.size());
            int shape = rng.nextInt(SHAPES.size());
            boolean held = heldOut.contains(combination(colour, shape));
            if (mustHoldOut != held || (split == Split.TRAIN && held)) {
                continue;
            }
            int size = rng.nextInt(2);
            int side = SIDES[size];
            int x = rng.nextInt(SIZE - side + 1);
            int y = rng.nextInt(SIZE - side + 1);
            if (free(pixelObject, x, y, side)) {
                for (int dy = 0; dy < side; dy++) {
                    for (int dx = 0; dx < side; dx++) {
                        if (inside(shape, dx, dy, side)) {
                            pixelObject[(y + dy) * SIZE + x + dx] = index;
                        }
                    }
                }
                return new SceneObject(colour, shape, size, x, y, mentioned);
            }
        }
        return null;
    }

    /** A one-pixel margin keeps objects from touching. */
    private static boolean free(int[] pixelObject, int x, int y, int side) {
        for (int py = Math.max(0, y - 1); py < Math.min(SIZE, y + side + 1); py++) {
            for (int px = Math.max(0, x - 1); px < Math.min(SIZE, x + side + 1); px++) {
                if (pixelObject[py * SIZE + px] >= 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether pixel (dx, dy) of a side×side box is part of the shape. */
    static boolean inside(int shape, int dx, int dy, int side) {
        double cx = dx + 0.5 - side / 2.0;
        double cy = dy + 0.5 - side / 2.0;
        double r = side / 2.0;
        return switch (SHAPES.get(shape)) {
            case "circle" -> cx * cx + cy * cy <= r * r;
            case "square" -> true;
            case "triangle" -> Math.abs(cx) <= (dy + 0.5) / 2.0;
            case "diamond" -> Math.abs(cx) + Math.abs(cy) <= r;
            default -> Math.abs(cx) <= r / 3.0 || Math.abs(cy) <= r / 3.0;
        };
    }

    private static float[] render(Rng rng, List<SceneObject> objects, int[] pixelObject) {
        float[][] tint = new float[objects.size()][3];
        for (int i = 0; i < objects.size(); i++) {
            for (int c = 0; c < 3; c++) {
                tint[i][c] = Math.min(1f, Math.max(0f, RGB[objects.get(i).colour()][c] * (0.9f + 0.2f * rng.nextFloat())));
            }
        }
        float[] image = new float[SIZE * SIZE * 3];
        for (int p = 0; p < SIZE * SIZE; p++) {
            int o = pixelObject[p];
            for (int c = 0; c < 3; c++) {
                image[p * 3 + c] = o >= 0 ? tint[o][c] : 0.05f * rng.nextFloat();
            }
        }
        return image;
    }

    private static Scene caption(Rng rng, List<SceneObject> objects, float[] image, int[] pixelObject) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            if (objects.get(i).mentioned()) {
                order.add(i);
            }
        }
        rng.shuffle(order);
        StringBuilder text = new StringBuilder();
        List<Integer> wordObject = new ArrayList<>();
        for (int k = 0; k < order.size(); k++) {
            SceneObject o = objects.get(order.get(k));
            if (k > 0) {
                text.append(" and ");
                wordObject.add(-1);
            }
            text.append("a ").append(o.size() == 0 ? "small" : "large").append(' ').append(o.name());
            wordObject.add(-1);
            for (int w = 0; w < 3; w++) {
                wordObject.add(order.get(k));
            }
        }
        return new Scene(image, List.copyOf(objects), pixelObject, text.toString(),
                wordObject.stream().mapToInt(Integer::intValue).toArray());
    }
}
