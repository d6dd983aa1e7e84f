package io.jemini.contrastive.data;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * MNIST-style IDX files (gzip or plain): unsigned-byte images {@code [n, rows, cols]} (magic
 * 2051) and labels {@code [n]} (magic 2049), checked against their headers.
 */
public record IdxImages(int count, int rows, int cols, byte[] pixels, byte[] labels) {
    public static final String[] CLASSES = {"t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker",
        "bag", "boot"};

    /** Reads an image file and its label file; both must describe the same number of items. */
    public static IdxImages read(Path images, Path labels) {
        byte[] pix;
        int n;
        int rows;
        int cols;
        try (DataInputStream in = new DataInputStream(open(images))) {
            int magic = in.readInt();
            if (magic != 2051) {
                throw new IllegalArgumentException(images + ": magic number " + magic + " is not an IDX image file (2051)");
            }
            n = in.readInt();
            rows = in.readInt();
            cols = in.readInt();
            if (n < 0 || rows <= 0 || cols <= 0 || (long) n * rows * cols > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(images + ": header " + n + "×" + rows + "×" + cols + " is not valid");
            }
            pix = in.readNBytes(n * rows * cols);
            if (pix.length != n * rows * cols) {
                throw new IllegalArgumentException(images + ": truncated (" + pix.length + " of " + n * rows * cols + " pixel bytes)");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(images + ": cannot read (" + e.getMessage() + ")");
        }
        byte[] lab;
        try (DataInputStream in = new DataInputStream(open(labels))) {
            int magic = in.readInt();
            if (magic != 2049) {
                throw new IllegalArgumentException(labels + ": magic number " + magic + " is not an IDX label file (2049)");
            }
            int m = in.readInt();
            if (m != n) {
                throw new IllegalArgumentException(labels + ": " + m + " labels for " + n + " images in " + images);
            }
            lab = in.readNBytes(n);
            if (lab.length != n) {
                throw new IllegalArgumentException(labels + ": truncated (" + lab.length + " of " + n + " labels)");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(labels + ": cannot read (" + e.getMessage() + ")");
        }
        return new IdxImages(n, rows, cols, pix, lab);
    }

    private static InputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        return file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
    }

    /** Pixel (r, c) of item {@code i} in [0, 1]. */
    public float pixel(int i, int r, int c) {
        return (pixels[(i * rows + r) * cols + c] & 0xFF) / 255f;
    }

    public int label(int i) {
        return labels[i] & 0xFF;
    }
}
