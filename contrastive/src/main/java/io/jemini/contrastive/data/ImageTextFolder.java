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
            BufferedImage img = PngImages.load(folder.resolve(image), where);
            if (size == 0) {
                if (img.getWidth() != img.getHeight()) {
                    throw new IllegalArgumentException(where + ": " + folder.resolve(image) + " is " + img.getWidth() + "×"
                            + img.getHeight() + "; images must be square");
                }
                size = img.getWidth();
            }
            pairs.add(new Pair(image, size, PngImages.rgb(img, folder.resolve(image), where, size, "like the first image"), caption));
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException(captions + ": no pairs");
        }
        return pairs;
    }
}
