package io.jemini.contrastive.data;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Small gzipped IDX files written on the spot, so tests need no real Fashion-MNIST. */
public final class IdxFixtures {
    private IdxFixtures() {
    }

    public static Path idx(Path dir, String name, int magic, int[] dims, byte[] body) throws IOException {
        Files.createDirectories(dir);
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

    /**
     * A {@code fashion-mnist/} directory under {@code root} with {@code n} training and {@code n}
     * test items of classes {@code i % 10}, item {@code i} a bright block whose width grows with its class.
     */
    public static Path fashionDir(Path root, int n) throws IOException {
        Path dir = root.resolve("fashion-mnist");
        byte[] pixels = new byte[n * 28 * 28];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
            for (int r = 6; r < 22; r++) {
                for (int c = 4; c < 6 + 2 * (i % 10); c++) {
                    pixels[(i * 28 + r) * 28 + c] = (byte) 220;
                }
            }
        }
        for (String split : new String[] {"train", "t10k"}) {
            idx(dir, split + "-images-idx3-ubyte.gz", 2051, new int[] {n, 28, 28}, pixels);
            idx(dir, split + "-labels-idx1-ubyte.gz", 2049, new int[] {n}, labels);
        }
        return dir;
    }
}
