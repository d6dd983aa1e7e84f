package io.jemini.contrastive.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.random.Rng;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX reading and Fashion-MNIST scenes, on small IDX files written here (the real data set is not needed). */
class FashionScenesTest {
    @TempDir
    Path dir;

    private Path idx(String name, int magic, int[] dims, byte[] body) throws IOException {
        return IdxFixtures.idx(dir, name, magic, dims, body);
    }

    @Test
    void scenesPlaceTintedItemsWithMasksAndCaptions() throws IOException {
        int n = 5;
        byte[] pixels = new byte[n * 28 * 28];
        for (int i = 0; i < n; i++) {
            for (int r = 10; r < 20; r++) {
                for (int c = 5 + i; c < 15 + i; c++) {
                    pixels[(i * 28 + r) * 28 + c] = (byte) 200;
                }
            }
        }
        IdxImages data = IdxImages.read(idx("img.gz", 2051, new int[] {n, 28, 28}, pixels),
                idx("lab.gz", 2049, new int[] {n}, new byte[] {0, 3, 8, 9, 5}));
        FashionScenes scenes = new FashionScenes(data, 2, 0, java.util.Set.of());
        FashionScenes.Scene s = scenes.scene(new Rng(2), Split.TRAIN, 2, false);
        assertEquals(2, s.items().size());
        assertTrue(s.items().get(0).quadrant() != s.items().get(1).quadrant());
        String[] words = s.pair().caption().split(" ");
        assertEquals(words.length, s.pair().wordObject().length);
        for (int k = 0; k < 2; k++) {
            FashionScenes.Item it = s.items().get(k);
            assertTrue(s.pair().caption().contains(it.name() + " on the "), s.pair().caption());
            assertEquals(IdxImages.CLASSES[data.label(it.source())], it.name().split(" ", 2)[1]);
            assertEquals(data.label(it.source()), s.pair().objectClass()[k]);
        }
        for (int w = 0; w < words.length; w++) {
            int o = s.pair().wordObject()[w];
            if (o >= 0) {
                assertTrue(s.items().get(o).name().contains(words[w]), words[w] + " names item " + o);
            }
        }
        int masked = 0;
        for (int p : s.pair().pixelObject()) {
            masked += p >= 0 ? 1 : 0;
        }
        assertEquals(2 * 100, masked, "each item's 10×10 block of bright pixels is its mask");
        int[] patches = s.pair().patchObject(7);
        assertEquals(64, patches.length);
    }

    @Test
    void heldOutCombinationsStayOutOfTraining() throws IOException {
        int n = 10;
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) i;
        }
        IdxImages data = IdxImages.read(idx("img.gz", 2051, new int[] {n, 28, 28}, new byte[n * 28 * 28]),
                idx("lab.gz", 2049, new int[] {n}, labels));
        FashionScenes scenes = new FashionScenes(data, 4, 0.5, FashionScenes.defaultHeldOut());
        Rng rng = new Rng(3);
        for (int i = 0; i < 300; i++) {
            for (FashionScenes.Item it : scenes.scene(rng, Split.TRAIN, 1 + i % 3, i % 2 == 0).items()) {
                assertTrue(!FashionScenes.defaultHeldOut().contains(FashionScenes.combination(it.tint(), it.label())), it.name());
            }
            FashionScenes.Item first = scenes.scene(rng, Split.HELD_OUT, 2, false).items().get(0);
            assertTrue(FashionScenes.defaultHeldOut().contains(FashionScenes.combination(first.tint(), first.label())));
        }
        SceneSource.Binding b = scenes.binding(rng, Split.TRAIN);
        String[] truth = b.pair().caption().split(" ");
        String[] swapped = b.swapped().split(" ");
        int changed = 0;
        for (int w = 0; w < truth.length; w++) {
            if (!truth[w].equals(swapped[w])) {
                changed++;
                assertTrue(FashionScenes.TINTS.contains(truth[w]) && FashionScenes.TINTS.contains(swapped[w]));
            }
        }
        assertEquals(2, changed, b.pair().caption() + " / " + b.swapped());
    }

    @Test
    void badFilesAreNamed() throws IOException {
        Path images = idx("img.gz", 2051, new int[] {2, 28, 28}, new byte[2 * 28 * 28]);
        Path wrongMagic = idx("bad.gz", 1234, new int[] {2}, new byte[2]);
        Path fewLabels = idx("few.gz", 2049, new int[] {1}, new byte[1]);
        Path truncated = idx("trunc.gz", 2051, new int[] {2, 28, 28}, new byte[100]);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IdxImages.read(images, wrongMagic)).getMessage()
                .contains("magic number 1234 is not an IDX label file"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IdxImages.read(images, fewLabels)).getMessage()
                .contains("1 labels for 2 images"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IdxImages.read(truncated, fewLabels)).getMessage()
                .contains("truncated"));
    }

    @Test
    void damagedOrPaddedFilesAreRefusedNotReadSilently() throws IOException {
        byte[] pixels = new byte[2 * 28 * 28];
        java.util.Arrays.fill(pixels, (byte) 7);
        Path images = idx("img.gz", 2051, new int[] {2, 28, 28}, pixels);
        Path labels = idx("lab.gz", 2049, new int[] {2}, new byte[] {1, 2});
        assertEquals(2, IdxImages.read(images, labels).count());

        byte[] gz = java.nio.file.Files.readAllBytes(images);
        byte[] flipped = gz.clone();
        flipped[gz.length / 2] ^= 0x10;
        Path corrupt = dir.resolve("flipped.gz");
        java.nio.file.Files.write(corrupt, flipped);
        String m = assertThrows(IllegalArgumentException.class, () -> IdxImages.read(corrupt, labels)).getMessage();
        assertTrue(m.startsWith(corrupt.toString()) && (m.contains("corrupt") || m.contains("truncated")), m);

        Path cut = dir.resolve("cut.gz");
        java.nio.file.Files.write(cut, java.util.Arrays.copyOf(gz, gz.length - 6));
        m = assertThrows(IllegalArgumentException.class, () -> IdxImages.read(cut, labels)).getMessage();
        assertTrue(m.contains("corrupt or truncated gzip data"), m);

        Path padded = idx("padded.gz", 2051, new int[] {2, 28, 28}, java.util.Arrays.copyOf(pixels, pixels.length + 3));
        m = assertThrows(IllegalArgumentException.class, () -> IdxImages.read(padded, labels)).getMessage();
        assertTrue(m.contains("has bytes after the 1568 its header describes"), m);

        Path empty = dir.resolve("empty");
        java.nio.file.Files.write(empty, new byte[0]);
        m = assertThrows(IllegalArgumentException.class, () -> IdxImages.read(empty, labels)).getMessage();
        assertEquals(empty + ": empty or shorter than an IDX header", m);
        Path emptyGz = dir.resolve("empty.gz");
        java.nio.file.Files.write(emptyGz, new byte[0]);
        m = assertThrows(IllegalArgumentException.class, () -> IdxImages.read(emptyGz, labels)).getMessage();
        assertTrue(m.startsWith(emptyGz + ": corrupt or truncated gzip data") && !m.contains("null"), m);
    }
}
