package io.jemini.contrastive.data;

import io.jemini.engine.io.DataRoot;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the Fashion-MNIST IDX files are and how its two image sets are read: the training images
 * build training scenes, the test images evaluation scenes, so no evaluated item was trained on.
 */
public final class FashionMnist {
    /** Where Debian's dataset-fashion-mnist puts the files, used when the data directory has none. */
    public static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    private FashionMnist() {
    }

    /** The directory holding the files: {@code configured}/fashion-mnist (or the data root's), else Debian's copy. */
    public static Path directory(String configured) {
        Path dir = DataRoot.of(configured).resolve("fashion-mnist");
        if (Files.isDirectory(dir)) {
            return dir;
        }
        if ((configured == null || configured.isBlank()) && Files.isDirectory(DEBIAN)) {
            return DEBIAN;
        }
        throw new IllegalArgumentException("Fashion-MNIST is not at " + dir + "; run scripts/fetch-data fashion-mnist "
                + "(or set data.dir / JEMINI_DATA to a directory holding fashion-mnist/)");
    }

    /** The 60,000 training images and their labels. */
    public static IdxImages trainingImages(Path dir) {
        return IdxImages.read(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"));
    }

    /** The 10,000 test images and their labels. */
    public static IdxImages testImages(Path dir) {
        return IdxImages.read(dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"));
    }
}
