package io.jemini.contrastive.training;

import io.jemini.contrastive.data.FashionMnist;
import io.jemini.contrastive.data.FashionScenes;
import io.jemini.contrastive.data.FolderPairs;
import io.jemini.contrastive.data.SceneSource;
import io.jemini.contrastive.data.ShapeScenes;
import io.jemini.contrastive.data.WordTokenizer;
import java.nio.file.Path;

/** The pairs of an alignment run: a training source, an evaluation source and their shared tokenizer. */
public record SparcData(SceneSource train, SceneSource test, WordTokenizer tokenizer) {
    /** Builds the sources of {@code d}; {@code splitSeed} chooses a folder's held-out pairs. */
    public static SparcData of(SparcRunConfig.Data d, long splitSeed) {
        return switch (d.source()) {
            case SHAPES -> {
                SceneSource scenes = new ShapeScenes(d.maxObjects(), d.distractorRate(), ShapeScenes.defaultHeldOut());
                yield of(scenes, scenes);
            }
            case FASHION -> {
                Path dir = FashionMnist.directory(d.dir());
                yield of(new FashionScenes(FashionMnist.trainingImages(dir), d.maxObjects(), d.distractorRate(),
                        FashionScenes.defaultHeldOut()),
                        new FashionScenes(FashionMnist.testImages(dir), d.maxObjects(), d.distractorRate(),
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
}
