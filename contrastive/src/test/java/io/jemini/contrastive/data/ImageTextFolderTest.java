package io.jemini.contrastive.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageTextFolderTest {
    @TempDir
    Path dir;

    private void png(String name, int w, int h, int type) throws IOException {
        BufferedImage img = new BufferedImage(w, h, type);
        img.setRGB(1, 0, 0xFF8000);
        ImageIO.write(img, "png", dir.resolve(name).toFile());
    }

    private void captions(String text) throws IOException {
        Files.writeString(dir.resolve(ImageTextFolder.CAPTIONS), text);
    }

    @Test
    void readsPairsAsRgbFloats() throws IOException {
        png("a.png", 4, 4, BufferedImage.TYPE_INT_RGB);
        captions("{\"image\": \"a.png\", \"caption\": \" an orange dot \"}\n\n");
        List<ImageTextFolder.Pair> pairs = ImageTextFolder.read(dir);
        assertEquals(1, pairs.size());
        assertEquals("an orange dot", pairs.get(0).caption());
        assertEquals(1f, pairs.get(0).pixels()[3]);
        assertEquals(128 / 255f, pairs.get(0).pixels()[4], 1e-6);
        assertEquals(0f, pairs.get(0).pixels()[5]);
    }

    @Test
    void everyProblemNamesTheFileAndLine() throws IOException {
        assertMessage("no captions.jsonl");
        png("a.png", 4, 4, BufferedImage.TYPE_INT_RGB);
        png("big.png", 8, 4, BufferedImage.TYPE_INT_RGB);
        png("gray.png", 4, 4, BufferedImage.TYPE_BYTE_GRAY);
        Files.writeString(dir.resolve("fake.png"), "not an image");
        captions("{\"image\": \"a.png\", \"caption\": \"ok\"}\n{\"image\": \"missing.png\", \"caption\": \"x\"}\n");
        assertMessage("line 2: image " + dir.resolve("missing.png") + " does not exist");
        captions("{\"image\": \"big.png\", \"caption\": \"x\"}\n");
        assertMessage("line 1: " + dir.resolve("big.png") + " is 8×4; images must be square");
        captions("{\"image\": \"a.png\", \"caption\": \"x\"}\n{\"image\": \"a8.png\", \"caption\": \"y\"}\n");
        png("a8.png", 8, 8, BufferedImage.TYPE_INT_RGB);
        assertMessage("line 2: " + dir.resolve("a8.png") + " is 8×8; expected 4×4 like the first image");
        captions("{\"image\": \"gray.png\", \"caption\": \"x\"}\n");
        assertMessage("has 1 channel; expected 3 (RGB)");
        captions("{\"image\": \"a.png\", \"caption\": \"   \"}\n");
        assertMessage("line 1: the caption is empty");
        captions("{\"image\": \"a.png\" \"caption\": 1}\n");
        assertMessage("line 1: not valid JSON");
        captions("{\"image\": \"fake.png\", \"caption\": \"x\"}\n");
        assertMessage("is not a readable PNG image");
        captions("\n");
        assertMessage("no pairs");
    }

    private void assertMessage(String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageTextFolder.read(dir));
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' lacks '" + expected + "'");
    }
}
