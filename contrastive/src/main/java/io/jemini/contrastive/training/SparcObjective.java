package io.jemini.contrastive.training;

import io.jemini.contrastive.losses.ContrastiveLosses;
import io.jemini.contrastive.losses.SparseSimilarity;
import io.jemini.contrastive.model.DualEncoder;
import io.jemini.engine.ops.LinearAlgebra;
import io.jemini.engine.tensor.Tensor;

/** {@code lambda_g · L_g + lambda_f · L_f} for one batch, with the configured alignment weights. */
public final class SparcObjective {
    /** The total and its two parts (the fine-grained part is 0 when {@code lambda_f} is 0). */
    public record Value(Tensor total, float global, float fine) {
    }

    private SparcObjective() {
    }

    public static Value of(DualEncoder model, SceneBatch batch, SparcRunConfig.Loss loss) {
        DualEncoder.Embeddings e = model.encode(batch.images(), batch.ids(), batch.mask());
        Tensor scale = model.logitScale().exp();
        Tensor global = ContrastiveLosses.clip(e.imageGlobal(), e.textGlobal(), scale);
        Tensor total = global.mul((float) loss.lambdaG());
        float fineValue = 0;
        if (loss.lambdaF() > 0) {
            Tensor fine = ContrastiveLosses.fineGrained(grouped(e.tokens(), e.patches(), loss.weights()), e.tokens(),
                    batch.mask(), scale, loss.averaging().equals("per_token") ? ContrastiveLosses.Averaging.PER_TOKEN
                            : ContrastiveLosses.Averaging.PER_SAMPLE);
            total = total.add(fine.mul((float) loss.lambdaF()));
            fineValue = fine.item();
        }
        return new Value(total, global.item(), fineValue);
    }

    /** Language-grouped patch embeddings: SPARC's sparse weights, no sparsity, or a softmax over patches. */
    public static Tensor grouped(Tensor tokens, Tensor patches, String weights) {
        return switch (weights) {
            case "sparse" -> SparseSimilarity.apply(tokens, patches, 1f / patches.dim(1)).grouped();
            case "dense" -> SparseSimilarity.apply(tokens, patches, 0f).grouped();
            default -> LinearAlgebra.matmul(LinearAlgebra.matmul(tokens, patches, false, true).softmax(-1), patches, false, false);
        };
    }
}
