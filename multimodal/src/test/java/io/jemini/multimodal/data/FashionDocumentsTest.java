package io.jemini.multimodal.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.contrastive.data.FashionScenes;
import io.jemini.contrastive.data.IdxImages;
import io.jemini.contrastive.data.Split;
import io.jemini.engine.random.Rng;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Documents over Fashion-MNIST scenes, on small image sets made here: training documents come from
 * the training images and evaluation documents from the test images, and every answer follows
 * from the scene drawn.
 */
class FashionDocumentsTest {
    /** Twenty 28×28 items of classes {@code i % 10}, each a full block of {@code brightness}. */
    private static IdxImages images(int brightness) {
        int n = 20;
        byte[] pixels = new byte[n * 28 * 28];
        Arrays.fill(pixels, (byte) brightness);
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
        }
        return new IdxImages(n, 28, 28, pixels, labels);
    }

    private final SceneDocuments docs = new SceneDocuments(new FashionWorld(images(100), 3, 0.3),
            new FashionWorld(images(250), 3, 0.3), new SceneDocuments.Mix(0.3, 0.2, 2, 3, 0, 0));

    private static String text(SceneDocuments docs, Segment s) {
        return String.join(" ", Arrays.stream(s.tokens()).mapToObj(docs.vocabulary()::word).toList());
    }

    /** The largest channel value in the image: 100/255 scaled by a tint for training items, 250/255 for test items. */
    private static float brightest(float[] image) {
        float max = 0;
        for (float v : image) {
            max = Math.max(max, v);
        }
        return max;
    }

    @Test
    void trainingDocumentsShowTrainingImagesAndEvaluationsShowTestImages() {
        Rng rng = new Rng(3);
        for (int i = 0; i < 40; i++) {
            for (Segment s : docs.next(rng, Split.TRAIN).segments()) {
                if (s.image() != null && brightest(s.image()) < 0.99f) {
                    assertEquals(100 / 255f, brightest(s.image()), 1e-6);
                }
            }
            Segment image = docs.question(rng, Split.TRAIN, QuestionType.COUNT).segments().get(0);
            assertEquals(250 / 255f, brightest(image.image()), 1e-6);
            assertEquals(FashionScenes.SIZE * FashionScenes.SIZE * 3, image.image().length);
        }
        assertEquals(FashionScenes.SIZE, docs.imageSize());
    }

    @Test
    void answersAreWordsOfTheirKindAndHeldOutQuestionsAskAboutAHeldOutItem() {
        Rng rng = new Rng(5);
        for (QuestionType type : docs.questionTypes()) {
            for (int i = 0; i < 40; i++) {
                Document q = docs.question(rng, Split.TRAIN, type);
                String answer = docs.vocabulary().word(q.answer());
                List<String> allowed = switch (type) {
                    case COLOUR -> FashionScenes.TINTS;
                    case CATEGORY -> List.of(IdxImages.CLASSES);
                    case COUNT -> List.of("one", "two", "three", "four");
                    case EXISTS, LEFT -> List.of("yes", "no");
                    case WHICH -> throw new AssertionError("no galleries here");
                };
                assertTrue(allowed.contains(answer), type + ": " + answer);
            }
        }
        assertEquals(0.25, docs.chance(QuestionType.COLOUR));
        assertEquals(0.1, docs.chance(QuestionType.CATEGORY));
        for (int i = 0; i < 30; i++) {
            String q = text(docs, docs.question(rng, Split.HELD_OUT, QuestionType.CATEGORY).segments().get(1));
            assertTrue(q.matches("what is the (green object \\? bag|blue object \\? sneaker) <eot>"), q);
        }
    }

    @Test
    void leftOfComparesItemsInDifferentColumns() {
        SceneWorld world = new FashionWorld(images(100), 4, 0);
        Rng rng = new Rng(8);
        for (int i = 0; i < 50; i++) {
            SceneWorld.Scene s = world.sample(rng, Split.TRAIN);
            for (SceneWorld.Item item : s.items()) {
                assertTrue(item.x() == 0 || item.x() == FashionScenes.SIZE / 2, "an item's place is its quadrant's column");
                assertTrue(s.caption().contains(world.name(item)), s.caption());
            }
        }
    }

    @Test
    void aNeedleFrameFillsTheLargerScene() {
        SceneDocuments.Haystack h = docs.haystack(new Rng(2), Split.TRAIN, 3, 1);
        assertEquals(FashionScenes.SIZE * FashionScenes.SIZE * 3, h.document().segments().get(1).image().length);
        assertTrue(Arrays.equals(SevenSegment.draw(h.code(), FashionScenes.SIZE), h.document().segments().get(1).image()));
    }
}
