package io.jemini.multimodal.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.contrastive.data.Split;
import io.jemini.engine.ops.Losses;
import io.jemini.engine.random.Rng;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Documents become sequences: images as marked runs of raster-order patches, loss targets on words alone. */
class PackedBatchTest {
    private static final int SIZE = 4;
    private static final int PATCH = 2;

    private static float[] image() {
        float[] px = new float[SIZE * SIZE * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = i;
        }
        return px;
    }

    @Test
    void imagesAreMarkedPatchRunsAndOnlyWordsAreTargets() {
        Document d = new Document(List.of(Segment.image(image()), Segment.text(new int[] {7, 8, Vocabulary.END})), null);
        assertEquals(2 + 4 + 3, PackedBatch.positions(d, SIZE, PATCH));
        Iterator<Document> docs = List.of(d, d, d).iterator();
        PackedBatch b = PackedBatch.pack(docs, 1, 20, SIZE, PATCH);
        assertArrayEquals(new int[] {Vocabulary.IMAGE_START, 0, 0, 0, 0, Vocabulary.IMAGE_END, 7, 8, Vocabulary.END,
            Vocabulary.IMAGE_START, 0, 0, 0, 0, Vocabulary.IMAGE_END, 7, 8, Vocabulary.END, 0, 0}, b.tokens(),
                "two documents fit 20 positions; the third does not and is not split");
        assertArrayEquals(new int[] {1, 2, 3, 4, 10, 11, 12, 13}, b.patchPositions());
        int ig = Losses.IGNORE_INDEX;
        assertArrayEquals(new int[] {ig, ig, ig, ig, ig, 7, 8, Vocabulary.END, ig, ig, ig, ig, ig, ig, 7, 8, Vocabulary.END,
            ig, ig, ig}, b.targets(), "the first word after an image is predicted from </img>; patches, <img> and "
                + "padding are never targets");
        float[] first = java.util.Arrays.copyOfRange(b.patches(), 0, 12);
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 12, 13, 14, 15, 16, 17}, first, "the top-left patch, row by row");
        float[] second = java.util.Arrays.copyOfRange(b.patches(), 12, 24);
        assertEquals(6, second[0], "then the patch to its right");
    }

    @Test
    void aDocumentLongerThanASequenceIsRefused() {
        Document d = new Document(List.of(Segment.image(image()), Segment.text(new int[] {7, 8, Vocabulary.END})), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PackedBatch.pack(List.of(d).iterator(), 1, 8, SIZE, PATCH));
        assertTrue(e.getMessage().contains("a document of 9 positions does not fit a sequence of 8"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PackedBatch.pack(List.of(new Document(List.of(
                Segment.image(new float[5])), null)).iterator(), 1, 20, SIZE, PATCH), "an image of the wrong size");
    }

    @Test
    void aGalleryIntroducesThreePicturesAndAsksWhichHoldsAnObject() {
        SceneDocuments docs = SceneDocuments.ofShapes(2, 0.2, new SceneDocuments.Mix(0.3, 0, 1, 3, 0.5, 0));
        Rng rng = new Rng(9);
        for (int i = 0; i < 30; i++) {
            Document q = docs.question(rng, Split.TRAIN, QuestionType.WHICH);
            assertEquals(7, q.segments().size(), "three introductions, three pictures, the question");
            assertEquals("picture two :", String.join(" ", java.util.Arrays.stream(q.segments().get(2).tokens())
                    .mapToObj(docs.vocabulary()::word).toList()));
            assertTrue(List.of("one", "two", "three").contains(docs.vocabulary().word(q.answer())));
            assertEquals(QuestionType.WHICH, q.question());
        }
        assertTrue(docs.questionTypes().contains(QuestionType.WHICH));
    }

    @Test
    void questionsAreAnsweredByTheSceneAndHeldOutOnesAskAboutTheHeldOutObject() {
        SceneDocuments docs = SceneDocuments.ofShapes(2, 0.2, SceneDocuments.Mix.captionsAndQuestions(0.3));
        Rng rng = new Rng(5);
        assertEquals(List.of(QuestionType.COLOUR, QuestionType.CATEGORY, QuestionType.COUNT, QuestionType.EXISTS,
                QuestionType.LEFT), docs.questionTypes(), "which-picture questions come with galleries only");
        for (QuestionType type : docs.questionTypes()) {
            for (int i = 0; i < 50; i++) {
                Document q = docs.question(rng, Split.TRAIN, type);
                String answer = docs.vocabulary().word(q.answer());
                switch (type) {
                    case COLOUR -> assertTrue(List.of("red", "green", "blue", "yellow", "magenta", "cyan").contains(answer));
                    case CATEGORY -> assertTrue(List.of("circle", "square", "triangle", "diamond", "cross").contains(answer));
                    case COUNT -> assertTrue(List.of("one", "two", "three").contains(answer), answer);
                    case EXISTS, LEFT -> assertTrue(List.of("yes", "no").contains(answer), answer);
                    case WHICH -> throw new AssertionError("no galleries here");
                }
                assertEquals(Vocabulary.END, q.segments().get(1).tokens()[q.segments().get(1).tokens().length - 1]);
            }
        }
        for (int i = 0; i < 30; i++) {
            Document q = docs.question(rng, Split.HELD_OUT, QuestionType.COLOUR);
            String text = String.join(" ", java.util.Arrays.stream(q.segments().get(1).tokens())
                    .mapToObj(docs.vocabulary()::word).toList());
            assertTrue(text.matches("what colour is the (triangle \\? green|square \\? cyan) <eot>"), text);
        }
    }

    @Test
    void rowsAreMicroBatchesThatPutTheBatchBackTogether() {
        Document withImage = new Document(List.of(Segment.image(image()), Segment.text(new int[] {7, Vocabulary.END})), null);
        Document text = new Document(List.of(Segment.text(new int[] {5, 6, 7, Vocabulary.END})), null);
        PackedBatch b = PackedBatch.pack(List.of(withImage, text, text, withImage, withImage, text).iterator(), 4, 10, SIZE,
                PATCH);
        PackedBatch top = b.rows(0, 2);
        PackedBatch bottom = b.rows(2, 4);
        assertEquals(2, top.batch());
        int[] tokens = new int[40];
        System.arraycopy(top.tokens(), 0, tokens, 0, 20);
        System.arraycopy(bottom.tokens(), 0, tokens, 20, 20);
        assertArrayEquals(b.tokens(), tokens);
        int[] positions = new int[b.patchPositions().length];
        System.arraycopy(top.patchPositions(), 0, positions, 0, top.patchPositions().length);
        for (int i = 0; i < bottom.patchPositions().length; i++) {
            positions[top.patchPositions().length + i] = bottom.patchPositions()[i] + 20;
        }
        assertArrayEquals(b.patchPositions(), positions);
        float[] patches = new float[b.patches().length];
        System.arraycopy(top.patches(), 0, patches, 0, top.patches().length);
        System.arraycopy(bottom.patches(), 0, patches, top.patches().length, bottom.patches().length);
        assertArrayEquals(b.patches(), patches);
        assertArrayEquals(Arrays.copyOfRange(b.targets(), 20, 40), bottom.targets());
    }
}
