package io.jemini.contrastive.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.random.Rng;
import org.junit.jupiter.api.Test;

class ShapeScenesTest {
    private final ShapeScenes scenes = new ShapeScenes(3, 0.3, ShapeScenes.defaultHeldOut());

    @Test
    void sameSeedSameScene() {
        ShapeScenes.Scene a = scenes.sample(new Rng(4), Split.TRAIN);
        ShapeScenes.Scene b = scenes.sample(new Rng(4), Split.TRAIN);
        assertArrayEquals(a.image(), b.image());
        assertEquals(a.caption(), b.caption());
    }

    @Test
    void splitsRespectTheHeldOutCombinations() {
        Rng rng = new Rng(5);
        for (int i = 0; i < 300; i++) {
            for (ShapeScenes.SceneObject o : scenes.sample(rng, Split.TRAIN).objects()) {
                assertFalse(ShapeScenes.defaultHeldOut().contains(ShapeScenes.combination(o.colour(), o.shape())), o.name());
            }
            ShapeScenes.Scene held = scenes.sample(rng, Split.HELD_OUT);
            ShapeScenes.SceneObject first = held.objects().get(0);
            assertTrue(first.mentioned() && ShapeScenes.defaultHeldOut().contains(ShapeScenes.combination(first.colour(), first.shape())));
        }
    }

    @Test
    void captionsMasksAndPatchesAgree() {
        Rng rng = new Rng(6);
        int distractors = 0;
        for (int i = 0; i < 200; i++) {
            ShapeScenes.Scene s = scenes.sample(rng, Split.TRAIN);
            String[] words = s.caption().split(" ");
            assertEquals(words.length, s.captionObject().length);
            for (int w = 0; w < words.length; w++) {
                int o = s.captionObject()[w];
                if (ShapeScenes.COLOURS.contains(words[w])) {
                    assertEquals(ShapeScenes.COLOURS.get(s.objects().get(o).colour()), words[w]);
                } else if (ShapeScenes.SHAPES.contains(words[w])) {
                    assertEquals(ShapeScenes.SHAPES.get(s.objects().get(o).shape()), words[w]);
                } else if (words[w].equals("a") || words[w].equals("and")) {
                    assertEquals(-1, o);
                }
            }
            int[] patchObject = scenes.toPair(s).patchObject(4);
            for (int p = 0; p < patchObject.length; p++) {
                int label = patchObject[p];
                if (label >= 0) {
                    int covered = 0;
                    int px = p % 8;
                    int py = p / 8;
                    for (int y = 0; y < 4; y++) {
                        for (int x = 0; x < 4; x++) {
                            covered += s.pixelObject()[(py * 4 + y) * 32 + px * 4 + x] == label ? 1 : 0;
                        }
                    }
                    assertTrue(covered >= 8, "patch " + p + " labelled with an object covering " + covered + "/16 pixels");
                }
            }
            for (ShapeScenes.SceneObject o : s.objects()) {
                if (!o.mentioned()) {
                    distractors++;
                    assertFalse(s.caption().contains(o.name()) && s.objects().stream().filter(x -> x.name().equals(o.name())).count() == 1);
                }
            }
        }
        assertTrue(distractors > 20 && distractors < 110, "about 30% distractors: " + distractors);
    }

    @Test
    void wordTokenizerPadsMasksAndCountsTruncation() {
        WordTokenizer tok = new WordTokenizer(scenes.vocabulary());
        int[] ids = new int[6];
        float[] mask = new float[6];
        assertEquals(4, tok.encode("a small red circle", 6, ids, mask, 0));
        assertArrayEquals(new float[] {1, 1, 1, 1, 0, 0}, mask);
        assertEquals(0, ids[5]);
        tok.encode("a small red circle and a large blue cross", 6, ids, mask, 0);
        assertEquals(1, tok.truncated());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tok.encode("a purple circle", 6, ids, mask, 0));
        assertTrue(e.getMessage().contains("'purple' is not in the vocabulary"));
        assertThrows(IllegalArgumentException.class, () -> tok.encode("  ", 6, ids, mask, 0));
    }
}
