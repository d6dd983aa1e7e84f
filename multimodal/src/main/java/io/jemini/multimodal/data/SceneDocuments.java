package io.jemini.multimodal.data;

import io.jemini.contrastive.data.ShapeScenes;
import io.jemini.contrastive.data.Split;
import io.jemini.engine.random.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Documents generated from shape scenes: an image followed by its caption, or by a visual question
 * and its one-word answer. Training scenes never hold a held-out colour–shape combination; a
 * held-out scene holds one as its first object, and questions about held-out scenes ask about that
 * object wherever the question type names one, so held-out accuracy measures generalisation to
 * unseen combinations.
 */
public final class SceneDocuments implements DocumentSource {
    private static final List<String> NUMBERS = List.of("one", "two", "three", "four");
    private static final List<String> DIGITS = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine");
    private static final List<String> GALLERY_WORDS = List.of("picture", "which", "has", "shows");
    private static final int PICTURES = 3;
    private static final QuestionType[] SINGLE_IMAGE_QUESTIONS = java.util.Arrays.stream(QuestionType.values())
            .filter(t -> t != QuestionType.WHICH).toArray(QuestionType[]::new);
    private static final List<String> WORDS = List.of("caption", ":", "what", "colour", "shape", "is", "the", "object", "how",
            "many", "objects", "?", "there", "left", "of", "yes", "no", "code");

    private final ShapeScenes scenes;
    private final Vocabulary vocabulary;
    private final Set<Integer> heldOut;
    private final double captionShare;
    private final double needleRate;
    private final int needleFrames;
    private final int codeDigits;
    private final double galleryRate;
    private final double textNeedleRate;

    /** A haystack document and the code its needle frame shows. */
    public record Haystack(Document document, int[] code) {
    }

    /**
     * @param needleRate   share of documents that are frame haystacks (a code among scene frames)
     * @param needleFrames most frames in a training haystack
     * @param codeDigits   digits of a needle's code
     * @param galleryRate  share of documents that are galleries: three pictures introduced in turn,
     *                     then text referring to one of them by its order
     * @param textNeedleRate share of documents that are text haystacks: captioned frames with the code
     *                     stated in words between two of them
     */
    public SceneDocuments(int maxObjects, double distractorRate, double captionShare, double needleRate, int needleFrames,
                          int codeDigits, double galleryRate, double textNeedleRate) {
        this.heldOut = ShapeScenes.defaultHeldOut();
        this.scenes = new ShapeScenes(maxObjects, distractorRate, heldOut);
        this.captionShare = captionShare;
        this.needleRate = needleRate;
        this.needleFrames = needleFrames;
        this.codeDigits = codeDigits;
        this.galleryRate = galleryRate;
        this.textNeedleRate = textNeedleRate;
        List<String> words = new ArrayList<>(scenes.vocabulary());
        words.addAll(WORDS);
        words.addAll(NUMBERS);
        words.addAll(DIGITS);
        if (galleryRate > 0) {
            words.addAll(GALLERY_WORDS);
        }
        this.vocabulary = new Vocabulary(words);
    }

    /** Captions and questions only. */
    public SceneDocuments(int maxObjects, double distractorRate, double captionShare) {
        this(maxObjects, distractorRate, captionShare, 0, 1, 3, 0, 0);
    }

    /** Every generated document is new: a fresh draw of the split. */
    @Override
    public Document heldOut(Rng rng, Split split) {
        return next(rng, split);
    }

    /** The question types these documents hold: {@link QuestionType#WHICH} only with galleries. */
    @Override
    public List<QuestionType> questionTypes() {
        return java.util.Arrays.stream(QuestionType.values()).filter(t -> t != QuestionType.WHICH || galleryRate > 0)
                .toList();
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public int imageSize() {
        return ShapeScenes.SIZE;
    }

    @Override
    public String description() {
        return scenes.description() + String.format(java.util.Locale.ROOT, "; %.0f%% captions, the rest visual questions",
                100 * captionShare) + (needleRate > 0 ? String.format(java.util.Locale.ROOT, "; %.0f%% frame haystacks of up to "
                + "%d frames with a %d-digit code", 100 * needleRate, needleFrames, codeDigits) : "")
                + (textNeedleRate > 0 ? String.format(java.util.Locale.ROOT, "; %.0f%% captioned-frame haystacks with the "
                + "code in words", 100 * textNeedleRate) : "");
    }

    /** A caption, question or haystack document of the split, drawn from {@code rng}. */
    @Override
    public Document next(Rng rng, Split split) {
        if (needleRate > 0 && rng.nextDouble() < needleRate) {
            int frames = 1 + rng.nextInt(needleFrames);
            return haystack(rng, split, frames, rng.nextInt(frames)).document();
        }
        if (textNeedleRate > 0 && rng.nextDouble() < textNeedleRate) {
            int frames = 1 + rng.nextInt(needleFrames);
            return textHaystack(rng, split, frames, rng.nextInt(frames + 1)).document();
        }
        if (galleryRate > 0 && rng.nextDouble() < galleryRate) {
            return rng.nextDouble() < 0.5 ? gallery(rng, split, true) : gallery(rng, split, false);
        }
        if (rng.nextDouble() < captionShare) {
            ShapeScenes.Scene s = scenes.sample(rng, split);
            return document(s, "caption : " + s.caption(), null);
        }
        return question(rng, split, SINGLE_IMAGE_QUESTIONS[rng.nextInt(SINGLE_IMAGE_QUESTIONS.length)]);
    }

    /**
     * Three pictures, "picture one : [image] picture two : [image] …", then either "which picture has
     * the red circle ? two" about an object in exactly one of them ({@code ask}), or "picture two
     * shows" and that picture's caption.
     */
    Document gallery(Rng rng, Split split, boolean ask) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            List<ShapeScenes.Scene> pictures = new ArrayList<>();
            for (int i = 0; i < PICTURES; i++) {
                pictures.add(scenes.sample(rng, split));
            }
            int target = rng.nextInt(PICTURES);
            ShapeScenes.Scene chosen = pictures.get(target);
            List<ShapeScenes.SceneObject> candidates = split == Split.HELD_OUT ? List.of(chosen.objects().get(0))
                    : chosen.objects();
            ShapeScenes.SceneObject object = candidates.get(rng.nextInt(candidates.size()));
            long holding = pictures.stream().filter(p -> p.objects().stream().anyMatch(o -> o.name().equals(object.name())))
                    .count();
            if (ask && holding != 1) {
                continue;
            }
            List<Segment> segments = new ArrayList<>();
            for (int i = 0; i < PICTURES; i++) {
                segments.add(Segment.text(vocabulary.encode("picture " + NUMBERS.get(i) + " :")));
                segments.add(Segment.image(pictures.get(i).image()));
            }
            String text = ask ? "which picture has the " + object.name() + " ? " + NUMBERS.get(target)
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
        int[] code = code(rng);
        List<Segment> segments = new ArrayList<>(frames + 1);
        for (int f = 0; f < frames; f++) {
            segments.add(Segment.image(f == depth ? SevenSegment.draw(code) : scenes.sample(rng, split).image()));
        }
        segments.add(Segment.text(vocabulary.encodeDocumentEnd("what is the code ?" + spelled(code))));
        return new Haystack(new Document(segments, null), code);
    }

    /** A code of {@code codeDigits} random digits. */
    private int[] code(Rng rng) {
        int[] code = new int[codeDigits];
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
        int[] code = code(rng);
        List<Segment> segments = new ArrayList<>();
        for (int f = 0; f <= frames; f++) {
            if (f == depth) {
                segments.add(Segment.text(vocabulary.encode("the code is" + spelled(code))));
            }
            if (f < frames) {
                ShapeScenes.Scene s = scenes.sample(rng, split);
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

    /** A question of {@code type} about a fresh scene of the split (scenes that cannot pose it are redrawn). */
    public Document question(Rng rng, Split split, QuestionType type) {
        if (type == QuestionType.WHICH) {
            return gallery(rng, split, true);
        }
        for (int attempt = 0; ; attempt++) {
            ShapeScenes.Scene s = scenes.sample(rng, split);
            String qa = ask(rng, s, split, type);
            if (qa != null) {
                return document(s, qa, type);
            }
            if (attempt > 1000) {
                throw new IllegalStateException("no scene poses a " + type.key() + " question");
            }
        }
    }

    private Document document(ShapeScenes.Scene s, String text, QuestionType type) {
        return new Document(List.of(Segment.image(s.image()), Segment.text(vocabulary.encodeDocumentEnd(text))), type);
    }

    /** The question and its answer, or null when this scene cannot pose the question. */
    private String ask(Rng rng, ShapeScenes.Scene s, Split split, QuestionType type) {
        List<ShapeScenes.SceneObject> objects = s.objects();
        ShapeScenes.SceneObject subject = split == Split.HELD_OUT ? objects.get(0) : objects.get(rng.nextInt(objects.size()));
        String colour = ShapeScenes.COLOURS.get(subject.colour());
        String shape = ShapeScenes.SHAPES.get(subject.shape());
        return switch (type) {
            case COLOUR -> objects.stream().filter(o -> o.shape() == subject.shape()).count() == 1
                    ? "what colour is the " + shape + " ? " + colour : null;
            case SHAPE -> objects.stream().filter(o -> o.colour() == subject.colour()).count() == 1
                    ? "what shape is the " + colour + " object ? " + shape : null;
            case COUNT -> objects.size() <= NUMBERS.size() ? "how many objects ? " + NUMBERS.get(objects.size() - 1) : null;
            case EXISTS -> exists(rng, s, split, subject);
            case LEFT -> left(rng, objects, subject);
            case WHICH -> throw new IllegalStateException("which-picture questions are galleries");
        };
    }

    private String exists(Rng rng, ShapeScenes.Scene s, Split split, ShapeScenes.SceneObject subject) {
        if (rng.nextDouble() < 0.5) {
            return "is there a " + subject.name() + " ? yes";
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            int colour = rng.nextInt(ShapeScenes.COLOURS.size());
            int shape = rng.nextInt(ShapeScenes.SHAPES.size());
            boolean present = s.objects().stream().anyMatch(o -> o.colour() == colour && o.shape() == shape);
            boolean allowed = split == Split.HELD_OUT || !heldOut.contains(ShapeScenes.combination(colour, shape));
            if (!present && allowed) {
                return "is there a " + ShapeScenes.COLOURS.get(colour) + " " + ShapeScenes.SHAPES.get(shape) + " ? no";
            }
        }
        return null;
    }

    private static String left(Rng rng, List<ShapeScenes.SceneObject> objects, ShapeScenes.SceneObject subject) {
        List<ShapeScenes.SceneObject> others = objects.stream().filter(o -> !o.name().equals(subject.name())
                && Math.abs(o.x() - subject.x()) >= 4).toList();
        if (others.isEmpty() || objects.stream().filter(o -> o.name().equals(subject.name())).count() > 1) {
            return null;
        }
        ShapeScenes.SceneObject other = others.get(rng.nextInt(others.size()));
        if (objects.stream().filter(o -> o.name().equals(other.name())).count() > 1) {
            return null;
        }
        return "is the " + subject.name() + " left of the " + other.name() + " ? " + (subject.x() < other.x() ? "yes" : "no");
    }
}
