package io.jemini.contrastive.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Reads square RGB images (PNG) as float pixels, with one-line errors naming the file and what was expected. */
public final class PngImages {
    private PngImages() {
    }

    /** The image at {@code file}; {@code where} (a file and line, or an option) starts every error message. */
    public static BufferedImage load(Path file, String where) {
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

    /**
     * The pixels of a {@code size}×{@code size} RGB image as {@code [size, size, 3]} in [0, 1]; any
     * other size or channel count is an error naming the file, {@code sizeRule} saying which size is expected.
     */
    public static float[] rgb(BufferedImage img, Path file, String where, int size, String sizeRule) {
        if (img.getWidth() != size || img.getHeight() != size) {
            throw new IllegalArgumentException(where + ": " + file + " is " + img.getWidth() + "×" + img.getHeight()
                    + "; expected " + size + "×" + size + " " + sizeRule);
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
