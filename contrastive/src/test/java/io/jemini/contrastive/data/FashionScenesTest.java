package io.jemini.contrastive.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.random.Rng;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX reading and Fashion-MNIST scenes, on small IDX files written here (the real data set is not needed). */
class FashionScenesTest {
    @TempDir
    Path dir;

    private Path idx(String name, int magic, int[] dims, byte[] body) throws IOException {
        Path f = dir.resolve(name);
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(f)))) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(body);
        }
        return f;
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
        FashionScenes scenes = new FashionScenes(data);
        FashionScenes.Scene s = scenes.sample(new Rng(2));
        assertEquals(2, s.items().size());
        assertTrue(s.items().get(0).quadrant() != s.items().get(1).quadrant());
        for (FashionScenes.Item it : s.items()) {
            assertTrue(s.caption().contains(it.name() + " on the "), s.caption());
            assertEquals(IdxImages.CLASSES[data.label(it.source())], it.name().split(" ", 2)[1]);
        }
        int masked = 0;
        for (int p : s.pixelItem()) {
            masked += p >= 0 ? 1 : 0;
        }
        assertEquals(2 * 100, masked, "each item's 10×10 block of bright pixels is its mask");
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
}
