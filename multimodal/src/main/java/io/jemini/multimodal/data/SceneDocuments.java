package io.jemini.multimodal.data;

import io.jemini.contrastive.data.Split;
import io.jemini.engine.random.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Documents generated from scenes: an image followed by its caption, or by a visual question and
 * its one-word answer; optionally galleries and needle haystacks. Training scenes never hold a
 * held-out colour–category combination; a held-out scene holds one as its first object, and
 * questions about held-out scenes ask about that object wherever the question type names one, so
 * held-out accuracy measures generalisation to unseen combinations. Training documents come from
 * the training world, held-out documents and evaluations from the evaluation world (the same
 * generator for shapes; the test images for Fashion-MNIST).
 */
public final class SceneDocuments implements DocumentSource {
    private static final List<String> NUMBERS = List.of("one", "two", "three", "four");
    private static final List<String> DIGITS = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine");
    private static final List<String> GALLERY_WORDS = List.of("picture", "which", "has", "shows");
    private static final int PICTURES = 3;
    private static final QuestionType[] SINGLE_IMAGE_QUESTIONS = Arrays.stream(QuestionType.values())
            .filter(t -> t != QuestionType.WHICH).toArray(QuestionType[]::new);
    private static final List<String> WORDS = List.of("caption", ":", "what", "colour", "shape", "is", "the", "object", "how",
            "many", "objects", "?", "there", "left", "of", "yes", "no", "code");

    private final SceneWorld training;
    private final SceneWorld evaluation;
    private final Mix mix;
    private final Vocabulary vocabulary;

    /** A haystack document and the code its needle frame shows. */
    public record Haystack(Document document, int[] code) {
    }

    /**
     * What the documents are.
     *
     * @param captionShare   share of the single-image documents that are captions (the rest are questions)
     * @param needleRate     share of documents that are frame haystacks (a code among scene frames)
     * @param needleFrames   most frames in a training haystack
     * @param codeDigits     digits of a needle's code
     * @param galleryRate    share of documents that are galleries: three pictures introduced in turn,
     *                       then text referring to one of them by its order
     * @param textNeedleRate share of documents that are text haystacks: captioned frames with the
     *                       code stated in words between two of them
     */
    public record Mix(double captionShare, double needleRate, int needleFrames, int codeDigits, double galleryRate,
                      double textNeedleRate) {
        /** Captions and questions only. */
        public static Mix captionsAndQuestions(double captionShare) {
            return new Mix(captionShare, 0, 1, 3, 0, 0);
        }
    }

    public SceneDocuments(SceneWorld training, SceneWorld evaluation, Mix mix) {
        if (training.imageSize() != evaluation.imageSize()) {
            throw new IllegalArgumentException("training and evaluation scenes differ in size: " + training.imageSize()
                    + " and " + evaluation.imageSize());
        }
        this.training = training;
        this.evaluation = evaluation;
        this.mix = mix;
        List<String> words = new ArrayList<>(training.vocabulary());
        words.addAll(WORDS);
        words.addAll(NUMBERS);
        words.addAll(DIGITS);
        if (mix.galleryRate() > 0) {
            words.addAll(GALLERY_WORDS);
        }
        this.vocabulary = new Vocabulary(words);
    }

    /** Shape scenes for training and evaluation alike. */
    public static SceneDocuments ofShapes(int maxObjects, double distractorRate, Mix mix) {
        ShapeWorld shapes = new ShapeWorld(maxObjects, distractorRate);
        return new SceneDocuments(shapes, shapes, mix);
    }

    /** A fresh draw of the split from the evaluation world. */
    @Override
    public Document heldOut(Rng rng, Split split) {
        return next(evaluation, rng, split);
    }

    /** The question types these documents hold: {@link QuestionType#WHICH} only with galleries. */
    @Override
    public List<QuestionType> questionTypes() {
        return Arrays.stream(QuestionType.values()).filter(t -> t != QuestionType.WHICH || mix.galleryRate() > 0).toList();
    }

    /** The chance of a uniform guess among the answers a question of {@code type} can have here. */
    public double chance(QuestionType type) {
        return 1.0 / switch (type) {
            case COLOUR -> training.colours().size();
            case CATEGORY -> training.categories().size();
            case COUNT -> NUMBERS.size();
            case EXISTS, LEFT -> 2;
            case WHICH -> PICTURES;
        };
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public int imageSize() {
        return training.imageSize();
    }

    @Override
    public String description() {
        return training.description() + String.format(Locale.ROOT, "; %.0f%% captions, the rest visual questions",
                100 * mix.captionShare()) + (mix.needleRate() > 0 ? String.format(Locale.ROOT, "; %.0f%% frame haystacks of "
                + "up to %d frames with a %d-digit code", 100 * mix.needleRate(), mix.needleFrames(), mix.codeDigits()) : "")
                + (mix.textNeedleRate() > 0 ? String.format(Locale.ROOT, "; %.0f%% captioned-frame haystacks with the "
                + "code in words", 100 * mix.textNeedleRate()) : "");
    }

    /** A caption, question or haystack document of the split, drawn from {@code rng} out of the training world. */
    @Override
    public Document next(Rng rng, Split split) {
        return next(training, rng, split);
    }

    private Document next(SceneWorld world, Rng rng, Split split) {
        if (mix.needleRate() > 0 && rng.nextDouble() < mix.needleRate()) {
            int frames = 1 + rng.nextInt(mix.needleFrames());
            return haystack(world, rng, split, frames, rng.nextInt(frames)).document();
        }
        if (mix.textNeedleRate() > 0 && rng.nextDouble() < mix.textNeedleRate()) {
            int frames = 1 + rng.nextInt(mix.needleFrames());
            return textHaystack(world, rng, split, frames, rng.nextInt(frames + 1)).document();
        }
        if (mix.galleryRate() > 0 && rng.nextDouble() < mix.galleryRate()) {
            return rng.nextDouble() < 0.5 ? gallery(world, rng, split, true) : gallery(world, rng, split, false);
        }
        if (rng.nextDouble() < mix.captionShare()) {
            SceneWorld.Scene s = world.sample(rng, split);
            return document(s, "caption : " + s.caption(), null);
        }
        return question(world, rng, split, SINGLE_IMAGE_QUESTIONS[rng.nextInt(SINGLE_IMAGE_QUESTIONS.length)]);
    }

    /**
     * Three pictures, "picture one : [image] picture two : [image] …", then either "which picture has
     * the red circle ? two" about an object in exactly one of them ({@code ask}), or "picture two
     * shows" and that picture's caption.
     */
    private Document gallery(SceneWorld world, Rng rng, Split split, boolean ask) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            List<SceneWorld.Scene> pictures = new ArrayList<>();
            for (int i = 0; i < PICTURES; i++) {
                pictures.add(world.sample(rng, split));
            }
            int target = rng.nextInt(PICTURES);
            SceneWorld.Scene chosen = pictures.get(target);
            List<SceneWorld.Item> candidates = split == Split.HELD_OUT ? List.of(chosen.items().get(0)) : chosen.items();
            String object = world.name(candidates.get(rng.nextInt(candidates.size())));
            long holding = pictures.stream().filter(p -> p.items().stream().anyMatch(o -> world.name(o).equals(object)))
                    .count();
            if (ask && holding != 1) {
                continue;
            }
            List<Segment> segments = new ArrayList<>();
            for (int i = 0; i < PICTURES; i++) {
                segments.add(Segment.text(vocabulary.encode("picture " + NUMBERS.get(i) + " :")));
                segments.add(Segment.image(pictures.get(i).image()));
            }
            String text = ask ? "which picture has the " + object + " ? " + NUMBERS.get(target)
                    : "picture " + NUMBERS.get(target) + " shows " + chosen.caption();
            segments.add(Segment.text(vocabulary.encodeDocumentEnd(text)));
            return new Document(segments, ask ? QuestionType.WHICH : null);
        }
        throw new IllegalStateException("no gallery poses a which-picture question");
    }

    /**
     * {@code frames} images — scenes of the split, except the one at {@code depth}, which shows a
     * code of seven-segment digits — then "what is the code ?" and the code's digits as words.
     */
    public Haystack haystack(Rng rng, Split split, int frames, int depth) {
        return haystack(evaluation, rng, split, frames, depth);
    }

    private Haystack haystack(SceneWorld world, Rng rng, Split split, int frames, int depth) {
        int[] code = code(rng);
        List<Segment> segments = new ArrayList<>(frames + 1);
        for (int f = 0; f < frames; f++) {
            segments.add(Segment.image(f == depth ? SevenSegment.draw(code, world.imageSize())
                    : world.sample(rng, split).image()));
        }
        segments.add(Segment.text(vocabulary.encodeDocumentEnd("what is the code ?" + spelled(code))));
        return new Haystack(new Document(segments, null), code);
    }

    /** A code of {@code codeDigits} random digits. */
    private int[] code(Rng rng) {
        int[] code = new int[mix.codeDigits()];
        for (int i = 0; i < code.length; i++) {
            code[i] = rng.nextInt(10);
        }
        return code;
    }

    /** The code's digits as words, each after a space. */
    private static String spelled(int[] code) {
        StringBuilder out = new StringBuilder();
        for (int d : code) {
            out.append(' ').append(DIGITS.get(d));
        }
        return out.toString();
    }

    /**
     * The reverse haystack: {@code frames} scenes of the split, each followed by "caption :" and its
     * caption, with "the code is" and the code's digits in words placed before frame {@code depth}
     * ({@code frames} puts it after the last), then "what is the code ?" and the digits.
     */
    public Haystack textHaystack(Rng rng, Split split, int frames, int depth) {
        return textHaystack(evaluation, rng, split, frames, depth);
    }

    private Haystack textHaystack(SceneWorld world, Rng rng, Split split, int frames, int depth) {
        int[] code = code(rng);
        List<Segment> segments = new ArrayList<>();
        for (int f = 0; f <= frames; f++) {
            if (f == depth) {
                segments.add(Segment.text(vocabulary.encode("the code is" + spelled(code))));
            }
            if (f < frames) {
                SceneWorld.Scene s = world.sample(rng, split);
                segments.add(Segment.image(s.image()));
                segments.add(Segment.text(vocabulary.encode("caption : " + s.caption())));
            }
        }
        segments.add(Segment.text(vocabulary.encodeDocumentEnd("what is the code ?" + spelled(code))));
        return new Haystack(new Document(segments, null), code);
    }

    /** The word id of digit {@code d}. */
    public int digit(int d) {
        return vocabulary.id(DIGITS.get(d));
    }

    /** A question of {@code type} about a fresh evaluation scene of the split (scenes that cannot pose it are redrawn). */
    public Document question(Rng rng, Split split, QuestionType type) {
        return question(evaluation, rng, split, type);
    }

    private Document question(SceneWorld world, Rng rng, Split split, QuestionType type) {
        if (type == QuestionType.WHICH) {
            return gallery(world, rng, split, true);
        }
        for (int attempt = 0; ; attempt++) {
            SceneWorld.Scene s = world.sample(rng, split);
            String qa = ask(world, rng, s, split, type);
            if (qa != null) {
                return document(s, qa, type);
            }
            if (attempt > 1000) {
                throw new IllegalStateException("no scene poses a " + type.key() + " question");
            }
        }
    }

    private Document document(SceneWorld.Scene s, String text, QuestionType type) {
        return new Document(List.of(Segment.image(s.image()), Segment.text(vocabulary.encodeDocumentEnd(text))), type);
    }

    /** The question and its answer, or null when this scene cannot pose the question. */
    private String ask(SceneWorld world, Rng rng, SceneWorld.Scene s, Split split, QuestionType type) {
        List<SceneWorld.Item> items = s.items();
        SceneWorld.Item subject = split == Split.HELD_OUT ? items.get(0) : items.get(rng.nextInt(items.size()));
        String colour = world.colours().get(subject.colour());
        String category = world.categories().get(subject.category());
        return switch (type) {
            case COLOUR -> items.stream().filter(o -> o.category() == subject.category()).count() == 1
                    ? "what colour is the " + category + " ? " + colour : null;
            case CATEGORY -> items.stream().filter(o -> o.colour() == subject.colour()).count() == 1
                    ? world.categoryQuestion(colour) + " " + category : null;
            case COUNT -> items.size() <= NUMBERS.size() ? "how many objects ? " + NUMBERS.get(items.size() - 1) : null;
            case EXISTS -> exists(world, rng, s, split, subject);
            case LEFT -> left(world, rng, items, subject);
            case WHICH -> throw new IllegalStateException("which-picture questions are galleries");
        };
    }

    private static String exists(SceneWorld world, Rng rng, SceneWorld.Scene s, Split split, SceneWorld.Item subject) {
        if (rng.nextDouble() < 0.5) {
            return "is there a " + world.name(subject) + " ? yes";
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            int colour = rng.nextInt(world.colours().size());
            int category = rng.nextInt(world.categories().size());
            boolean present = s.items().stream().anyMatch(o -> o.colour() == colour && o.category() == category);
            boolean allowed = split == Split.HELD_OUT || !world.heldOut(colour, category);
            if (!present && allowed) {
                return "is there a " + world.name(new SceneWorld.Item(colour, category, 0)) + " ? no";
            }
        }
        return null;
    }

    private static String left(SceneWorld world, Rng rng, List<SceneWorld.Item> items, SceneWorld.Item subject) {
        String name = world.name(subject);
        List<SceneWorld.Item> others = items.stream().filter(o -> !world.name(o).equals(name)
                && Math.abs(o.x() - subject.x()) >= 4).toList();
        if (others.isEmpty() || items.stream().filter(o -> world.name(o).equals(name)).count() > 1) {
            return null;
        }
        SceneWorld.Item other = others.get(rng.nextInt(others.size()));
        String otherName = world.name(other);
        if (items.stream().filter(o -> world.name(o).equals(otherName)).count() > 1) {
            return null;
        }
        return "is the " + name + " left of the " + otherName + " ? " + (subject.x() < other.x() ? "yes" : "no");
    }
}
