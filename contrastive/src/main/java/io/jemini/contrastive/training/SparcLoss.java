package io.jemini.contrastive.training;

import io.jemini.contrastive.losses.ContrastiveLosses;
import io.jemini.contrastive.losses.SparseSimilarity;
import io.jemini.contrastive.model.DualEncoder;
import io.jemini.engine.ops.LinearAlgebra;
import io.jemini.engine.ops.Normalization;
import io.jemini.engine.tensor.Tensor;

/** {@code lambda_g · L_g + lambda_f · L_f} for one batch, with the configured alignment weights. */
public final class SparcLoss {
    /** The total and its two parts (the fine-grained part is 0 when {@code lambda_f} is 0). */
    public record Value(Tensor total, float global, float fine) {
    }

    private SparcLoss() {
    }

    public static Value of(DualEncoder model, SceneBatch batch, SparcRunConfig.Loss loss) {
        return of(model.encode(batch.images(), batch.ids(), batch.mask()), model.logitScale(), batch, loss);
    }

    /** The loss of a batch's embeddings {@code e} at log logit scale {@code logScale}. */
    public static Value of(DualEncoder.Embeddings e, Tensor logScale, SceneBatch batch, SparcRunConfig.Loss loss) {
        Tensor scale = logScale.exp();
        Tensor global = ContrastiveLosses.clip(e.imageGlobal(), e.textGlobal(), scale);
        Tensor total = global.mul((float) loss.lambdaG());
        float fineValue = 0;
        if (loss.lambdaF() > 0) {
            float[] mask = switch (loss.tokens()) {
                case ALL -> batch.mask();
                case CONTENT -> contentMask(batch);
            };
            Tensor tokens = loss.centre() ? centred(e.tokens(), mask) : e.tokens();
            Tensor patches = e.patches();
            if (loss.similarity() == SparcRunConfig.Similarity.COSINE) {
                tokens = Normalization.normalize(tokens, 1e-12f);
                patches = Normalization.normalize(patches, 1e-12f);
            }
            Tensor fine = ContrastiveLosses.fineGrained(grouped(tokens, patches, loss.weights(), loss.sigma()), e.tokens(),
                    mask, scale, loss.averaging());
            total = total.add(fine.mul((float) loss.lambdaF()));
            fineValue = fine.item();
        }
        return new Value(total, global.item(), fineValue);
    }

    /** The caption mask kept only on words that name an object of their scene. */
    static float[] contentMask(SceneBatch batch) {
        int l = batch.ids().shape().dim(1);
        float[] mask = new float[batch.mask().length];
        for (int i = 0; i < batch.pairs().size(); i++) {
            int[] objects = batch.pairs().get(i).tokenObject(l);
            for (int t = 0; t < l; t++) {
                mask[i * l + t] = objects[t] >= 0 ? batch.mask()[i * l + t] : 0f;
            }
        }
        return mask;
    }

    /** Token embeddings {@code [B, L, d]} minus the mean of the real ones (mask 1) over the whole batch. */
    static Tensor centred(Tensor tokens, float[] mask) {
        int b = tokens.dim(0);
        int l = tokens.dim(1);
        float count = 0;
        for (float m : mask) {
            count += m;
        }
        float[] weights = mask.clone();
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= Math.max(1f, count);
        }
        Tensor mean = tokens.mul(Tensor.of(weights, b, l, 1)).sum(0, true).sum(1, true);
        return tokens.sub(mean);
    }

    /**
     * Language-grouped patch embeddings: SPARC's sparse weights (threshold {@code sigma}, -1 for
     * 1/P), no sparsity, or a softmax over patches.
     */
    public static Tensor grouped(Tensor tokens, Tensor patches, SparcRunConfig.Weights weights, double sigma) {
        return switch (weights) {
            case SPARSE -> SparseSimilarity.apply(tokens, patches, sigma < 0 ? 1f / patches.dim(1) : (float) sigma).grouped();
            case DENSE -> SparseSimilarity.apply(tokens, patches, 0f).grouped();
            case SOFTMAX -> LinearAlgebra.matmul(LinearAlgebra.matmul(tokens, patches, false, true).softmax(-1), patches, false,
                    false);
        };
    }
}
