package io.jemini.contrastive.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * MNIST-style IDX files (gzip or plain): unsigned-byte images {@code [n, rows, cols]} (magic
 * 2051) and labels {@code [n]} (magic 2049), checked against their headers.
 */
public record IdxImages(int count, int rows, int cols, byte[] pixels, byte[] labels) {
    public static final String[] CLASSES = {"t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker",
        "bag", "boot"};

    /**
     * Reads an image file and its label file; both must describe the same number of items. Each
     * file is read to its end, so a gzip file's CRC and length are checked and trailing bytes are
     * an error.
     */
    public static IdxImages read(Path images, Path labels) {
        int[] header = new int[3];
        byte[] pix = body(images, 2051, "image", header);
        int[] labelHeader = new int[1];
        byte[] lab = body(labels, 2049, "label", labelHeader);
        if (labelHeader[0] != header[0]) {
            throw new IllegalArgumentException(labels + ": " + labelHeader[0] + " labels for " + header[0] + " images in " + images);
        }
        return new IdxImages(header[0], header[1], header[2], pix, lab);
    }

    /** The payload of an IDX file with {@code magic}; {@code dims} receives the header's sizes. */
    private static byte[] body(Path file, int magic, String kind, int[] dims) {
        try (DataInputStream in = new DataInputStream(open(file))) {
            int found;
            try {
                found = in.readInt();
            } catch (EOFException e) {
                throw new IllegalArgumentException(file + ": empty or shorter than an IDX header");
            }
            if (found != magic) {
                throw new IllegalArgumentException(file + ": magic number " + found + " is not an IDX " + kind + " file (" + magic
                        + ")");
            }
            long size = 1;
            for (int i = 0; i < dims.length; i++) {
                try {
                    dims[i] = in.readInt();
                } catch (EOFException e) {
                    throw new IllegalArgumentException(file + ": truncated inside its header");
                }
                if (dims[i] < (i == 0 ? 0 : 1)) {
                    throw new IllegalArgumentException(file + ": header size " + dims[i] + " is not valid");
                }
                size *= dims[i];
            }
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(file + ": header sizes describe " + size + " bytes, more than one array holds");
            }
            byte[] payload = in.readNBytes((int) size);
            if (payload.length != size) {
                throw new IllegalArgumentException(file + ": truncated (" + payload.length + " of " + size + " " + kind + " bytes)");
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException(file + ": has bytes after the " + size + " its header describes");
            }
            return payload;
        } catch (ZipException | EOFException e) {
            throw new IllegalArgumentException(file + ": corrupt or truncated gzip data (" + (e.getMessage() == null ? "it ends early" : e.getMessage()) + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e + ")");
        }
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
