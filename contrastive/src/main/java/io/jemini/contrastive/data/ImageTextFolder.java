package io.jemini.contrastive.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A user's own image–caption pairs: a folder holding {@code captions.jsonl}, one
 * {@code {"image": "relative/path.png", "caption": "..."}} per line, and the PNG images, square,
 * RGB and all the size of the first. Every problem (missing file, bad line, wrong size or channels, empty
 * caption) is reported with the file and line it concerns.
 */
public final class ImageTextFolder {
    public static final String CAPTIONS = "captions.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One pair: the image as {@code [size, size, 3]} floats in [0, 1] (HWC) and its caption. */
    public record Pair(String image, int size, float[] pixels, String caption) {
    }

    private ImageTextFolder() {
    }

    /** Reads every pair; the first image sets the size every other must have. */
    public static List<Pair> read(Path folder) {
        Path captions = folder.resolve(CAPTIONS);
        if (!Files.isRegularFile(captions)) {
            throw new IllegalArgumentException(folder + ": no " + CAPTIONS + " (expected one JSON object per line with "
                    + "\"image\" and \"caption\")");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(captions, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(captions + ": cannot read (" + e.getMessage() + ")");
        }
        List<Pair> pairs = new ArrayList<>();
        int size = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = captions + " line " + (i + 1);
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                throw new IllegalArgumentException(where + ": not valid JSON");
            }
            if (node == null || !node.path("image").isTextual() || !node.path("caption").isTextual()) {
                throw new IllegalArgumentException(where + ": expected {\"image\": \"...png\", \"caption\": \"...\"}");
            }
            String caption = node.get("caption").asText().strip();
            if (caption.isEmpty()) {
                throw new IllegalArgumentException(where + ": the caption is empty");
            }
            String image = node.get("image").asText();
            BufferedImage img = image(folder.resolve(image), where);
            if (size == 0) {
                if (img.getWidth() != img.getHeight()) {
                    throw new IllegalArgumentException(where + ": " + folder.resolve(image) + " is " + img.getWidth() + "×"
                            + img.getHeight() + "; images must be square");
                }
                size = img.getWidth();
            }
            pairs.add(new Pair(image, size, pixels(img, folder.resolve(image), where, size), caption));
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException(captions + ": no pairs");
        }
        return pairs;
    }

    private static BufferedImage image(Path file, String where) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(where + ": image " + file + " does not exist");
        }
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            img = null;
        }
        if (img == null) {
            throw new IllegalArgumentException(where + ": " + file + " is not a readable PNG image");
        }
        return img;
    }

    private static float[] pixels(BufferedImage img, Path file, String where, int size) {
        if (img.getWidth() != size || img.getHeight() != size) {
            throw new IllegalArgumentException(where + ": " + file + " is " + img.getWidth() + "×" + img.getHeight()
                    + "; expected " + size + "×" + size + " like the first image");
        }
        int bands = img.getRaster().getNumBands();
        if (bands != 3) {
            throw new IllegalArgumentException(where + ": " + file + " has " + bands + " channel" + (bands == 1 ? "" : "s")
                    + "; expected 3 (RGB)");
        }
        float[] out = new float[size * size * 3];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int rgb = img.getRGB(x, y);
                int p = (y * size + x) * 3;
                out[p] = ((rgb >> 16) & 0xFF) / 255f;
                out[p + 1] = ((rgb >> 8) & 0xFF) / 255f;
                out[p + 2] = (rgb & 0xFF) / 255f;
            }
        }
        return out;
    }
}
