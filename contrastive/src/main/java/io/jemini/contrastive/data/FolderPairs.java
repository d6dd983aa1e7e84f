package io.jemini.contrastive.data;

import io.jemini.engine.random.Rng;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * A user's own pairs ({@link ImageTextFolder}) as a scene source. Captions are lower-cased and
 * split into words at anything but letters and digits; the vocabulary is every word of the
 * folder. The pairs carry no masks or classes, so only the global evaluations (retrieval) apply.
 */
public final class FolderPairs implements SceneSource {
    /** A seeded split of one folder into training and test pairs over one vocabulary. */
    public record Portions(FolderPairs train, FolderPairs test) {
    }

    private final String description;
    private final List<LabelledPair> pairs;
    private final List<String> vocabulary;

    private FolderPairs(String description, List<LabelledPair> pairs, List<String> vocabulary) {
        this.description = description;
        this.pairs = List.copyOf(pairs);
        this.vocabulary = vocabulary;
    }

    /** Reads {@code folder} and holds out a seeded tenth of its pairs (at least two) for evaluation. */
    public static Portions read(Path folder, long seed) {
        List<ImageTextFolder.Pair> raw = ImageTextFolder.read(folder);
        if (raw.size() < 4) {
            throw new IllegalArgumentException(folder.resolve(ImageTextFolder.CAPTIONS) + ": " + raw.size()
                    + " pairs; a run needs at least 4 (a tenth, at least 2, is held out for evaluation)");
        }
        List<LabelledPair> pairs = new ArrayList<>();
        TreeSet<String> words = new TreeSet<>();
        for (ImageTextFolder.Pair p : raw) {
            String caption = normalise(p.caption());
            words.addAll(Arrays.asList(caption.split(" ")));
            int[] none = new int[p.size() * p.size()];
            Arrays.fill(none, -1);
            int[] noWords = new int[caption.split(" ").length];
            Arrays.fill(noWords, -1);
            pairs.add(new LabelledPair(p.pixels(), p.size(), caption, none, 0, noWords, new int[0], caption));
        }
        Rng rng = new Rng(seed);
        rng.shuffle(pairs);
        int test = Math.max(2, pairs.size() / 10);
        List<String> vocabulary = List.copyOf(words);
        String what = String.format(Locale.ROOT, "image–caption pairs from %s: %d×%d, %d for training, %d held out", folder,
                raw.get(0).size(), raw.get(0).size(), pairs.size() - test, test);
        return new Portions(new FolderPairs(what, pairs.subList(test, pairs.size()), vocabulary),
                new FolderPairs(what, pairs.subList(0, test), vocabulary));
    }

    /** Lower case, words of letters and digits separated by single spaces. */
    static String normalise(String caption) {
        String words = caption.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
        if (words.isEmpty()) {
            throw new IllegalArgumentException("caption '" + caption + "' has no letters or digits");
        }
        return words;
    }

    public int size() {
        return pairs.size();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public int imageSize() {
        return pairs.get(0).size();
    }

    @Override
    public List<String> vocabulary() {
        return vocabulary;
    }

    @Override
    public List<Split> splits() {
        return List.of(Split.TRAIN);
    }

    @Override
    public LabelledPair pair(Rng rng, Split split) {
        return pairs.get(rng.nextInt(pairs.size()));
    }

    /** Each pair once, in order, up to {@code n}: retrieval over a fixed set without repeats. */
    @Override
    public List<LabelledPair> testSet(Rng rng, Split split, int n) {
        return pairs.subList(0, Math.min(n, pairs.size()));
    }

    @Override
    public List<String> classPrompts() {
        return List.of();
    }

    @Override
    public LabelledPair single(Rng rng, Split split) {
        throw new UnsupportedOperationException("folder pairs have no classes");
    }

    @Override
    public Binding binding(Rng rng, Split split) {
        return null;
    }
}
