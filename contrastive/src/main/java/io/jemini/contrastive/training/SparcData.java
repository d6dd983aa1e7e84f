package io.jemini.contrastive.training;

import io.jemini.contrastive.data.FashionScenes;
import io.jemini.contrastive.data.FolderPairs;
import io.jemini.contrastive.data.IdxImages;
import io.jemini.contrastive.data.SceneSource;
import io.jemini.contrastive.data.ShapeScenes;
import io.jemini.contrastive.data.WordTokenizer;
import io.jemini.engine.io.DataRoot;
import java.nio.file.Files;
import java.nio.file.Path;

/** The pairs of an alignment run: a training source, an evaluation source and their shared tokenizer. */
public record SparcData(SceneSource train, SceneSource test, WordTokenizer tokenizer) {
    /** Where Debian's dataset-fashion-mnist puts the files, used when the data directory has none. */
    public static final Path DEBIAN_FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    /** Builds the sources of {@code d}; {@code splitSeed} chooses a folder's held-out pairs. */
    public static SparcData of(SparcRunConfig.Data d, long splitSeed) {
        return switch (d.source()) {
            case SHAPES -> {
                SceneSource scenes = new ShapeScenes(d.maxObjects(), d.distractorRate(), ShapeScenes.defaultHeldOut());
                yield of(scenes, scenes);
            }
            case FASHION -> {
                Path dir = fashionDir(d.dir());
                yield of(new FashionScenes(IdxImages.read(dir.resolve("train-images-idx3-ubyte.gz"),
                        dir.resolve("train-labels-idx1-ubyte.gz")), d.maxObjects(), d.distractorRate(),
                        FashionScenes.defaultHeldOut()),
                        new FashionScenes(IdxImages.read(dir.resolve("t10k-images-idx3-ubyte.gz"),
                        dir.resolve("t10k-labels-idx1-ubyte.gz")), d.maxObjects(), d.distractorRate(),
                        FashionScenes.defaultHeldOut()));
            }
            case FOLDER -> {
                FolderPairs.Portions p = FolderPairs.read(Path.of(d.folder()), splitSeed);
                yield of(p.train(), p.test());
            }
        };
    }

    /** Training and evaluation pairs with the tokenizer of the training pairs' words. */
    private static SparcData of(SceneSource train, SceneSource test) {
        return new SparcData(train, test, new WordTokenizer(train.vocabulary()));
    }

    private static Path fashionDir(String configured) {
        Path dir = DataRoot.of(configured).resolve("fashion-mnist");
        if (Files.isDirectory(dir)) {
            return dir;
        }
        if ((configured == null || configured.isBlank()) && Files.isDirectory(DEBIAN_FASHION)) {
            return DEBIAN_FASHION;
        }
        throw new IllegalArgumentException("Fashion-MNIST is not at " + dir + "; run scripts/fetch-data fashion-mnist "
                + "(or set data.dir / JEMINI_DATA to a directory holding fashion-mnist/)");
    }
}
