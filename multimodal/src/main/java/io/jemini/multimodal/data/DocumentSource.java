package io.jemini.multimodal.data;

import io.jemini.contrastive.data.Split;
import io.jemini.engine.random.Rng;
import java.util.List;

/**
 * Where a multimodal run's documents come from: training documents, held-out documents to
 * evaluate on, the vocabulary, and the image size. Generated scenes can also pose visual
 * questions and frame haystacks; a user's folder holds just its documents.
 */
public interface DocumentSource {
    Vocabulary vocabulary();

    /** Every image's side in pixels (square RGB). */
    int imageSize();

    String description();

    /** A training document of the split. */
    Document next(Rng rng, Split split);

    /** A document no training step sees, of the split where the source has splits. */
    Document heldOut(Rng rng, Split split);

    /** The visual question types this source can pose (none for a user's documents). */
    default List<QuestionType> questionTypes() {
        return List.of();
    }
}
