package io.jemini.contrastive.losses;

import io.jemini.contrastive.data.CaptionMasks;
import io.jemini.engine.config.ConfigChoice;
import io.jemini.engine.ops.Indexing;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.ops.LinearAlgebra;
import io.jemini.engine.ops.Losses;
import io.jemini.engine.ops.Normalization;
import io.jemini.engine.tensor.ShapeException;
import io.jemini.engine.tensor.Tensor;

/**
 * The global CLIP loss and SPARC's fine-grained loss, both with one learned temperature given as
 * {@code scale = exp(logit_scale)} (a scalar tensor). Masked keys get a large finite negative so
 * that padded rows never produce NaN; padded rows are weighted 0.
 */
public final class ContrastiveLosses {
    /** The logit given to masked (padded) keys. */
    public static final float MASKED = -1e9f;

    /** How the fine-grained loss averages tokens. */
    public enum Averaging implements ConfigChoice {
        /** Paper eq. 6: mean over each caption's tokens, then over samples. */
        PER_SAMPLE,
        /** Paper pseudo-code: one mean over all real tokens of the batch. */
        PER_TOKEN
    }

    private ContrastiveLosses() {
    }

    /**
     * Symmetric InfoNCE over a batch (eq. 1): {@code image [B, d]}, {@code text [B, d]} are
     * L2-normalised here; row i's positive is column i, averaged over both directions.
     */
    public static Tensor clip(Tensor image, Tensor text, Tensor scale) {
        if (image.rank() != 2 || !image.shape().equals(text.shape())) {
            throw new ShapeException("clip_loss: image " + image.shape() + " and text " + text.shape() + " must both be [B, d]");
        }
        int b = image.dim(0);
        Tensor vi = Normalization.normalize(image, 1e-12f);
        Tensor ti = Normalization.normalize(text, 1e-12f);
        Tensor logits = LinearAlgebra.matmul(vi, ti, false, true).mul(scale);
        int[] diag = new int[b];
        for (int i = 0; i < b; i++) {
            diag[i] = i;
        }
        Indices targets = Indices.vector(diag);
        Tensor imageToText = Losses.crossEntropy(logits, targets, Losses.IGNORE_INDEX, 0f);
        Tensor textToImage = Losses.crossEntropy(logits.transpose(0, 1), targets, Losses.IGNORE_INDEX, 0f);
        return imageToText.add(textToImage).mul(0.5f);
    }

    /**
     * SPARC's fine-grained loss (eq. 6) between grouped vision embeddings {@code grouped [B, L, d]}
     * and token embeddings {@code tokens [B, L, d]} (both L2-normalised here), contrasting each
     * token only with the other real tokens of its own caption, in both directions.
     *
     * @param mask {@code [B, L]} with 1 for real tokens and 0 for padding
     */
    public static Tensor fineGrained(Tensor grouped, Tensor tokens, float[] mask, Tensor scale, Averaging averaging) {
        if (grouped.rank() != 3 || !grouped.shape().equals(tokens.shape()) || mask.length != grouped.dim(0) * grouped.dim(1)) {
            throw new ShapeException("sparc_loss: grouped " + grouped.shape() + ", tokens " + tokens.shape() + " and a mask of "
                    + mask.length + " values must be [B, L, d], [B, L, d] and [B, L]");
        }
        int b = grouped.dim(0);
        int l = grouped.dim(1);
        Tensor c = Normalization.normalize(grouped, 1e-12f);
        Tensor t = Normalization.normalize(tokens, 1e-12f);
        Tensor logits = LinearAlgebra.matmul(c, t, false, true).mul(scale);
        Tensor padKeys = Tensor.of(CaptionMasks.padding(mask), b, 1, l);
        Tensor weights = rowWeights(mask, b, l, averaging);
        Tensor groupedToToken = directional(logits, padKeys, weights, b, l);
        Tensor tokenToGrouped = directional(logits.transpose(1, 2), padKeys, weights, b, l);
        return groupedToToken.add(tokenToGrouped).mul(0.5f);
    }

    /**
     * FILIP's token-wise late-interaction loss (a baseline): the similarity of caption i and image
     * j is the mean over i's real tokens of each token's best cosine with j's patches (text→image),
     * and the mean over j's patches of each patch's best cosine with i's real tokens
     * (image→text); symmetric InfoNCE over the batch on those two B×B matrices.
     *
     * @param tokens  {@code [B, L, d]}, {@code patches [B, P, d]}, {@code mask [B, L]} (1 real, 0 padding)
     */
    public static Tensor filip(Tensor tokens, Tensor patches, float[] mask, Tensor scale) {
        int b = tokens.dim(0);
        int l = tokens.dim(1);
        int p = patches.dim(1);
        int d = tokens.dim(2);
        if (patches.dim(0) != b || patches.dim(2) != d || mask.length != b * l) {
            throw new ShapeException("filip_loss: tokens " + tokens.shape() + ", patches " + patches.shape() + " and a mask of "
                    + mask.length + " values must be [B, L, d], [B, P, d] and [B, L]");
        }
        Tensor t = Normalization.normalize(tokens, 1e-12f).reshape(b * l, d);
        Tensor v = Normalization.normalize(patches, 1e-12f).reshape(b * p, d);
        Tensor sim = LinearAlgebra.matmul(t, v, false, true).reshape(b, l, b, p);
        Tensor textToImage = sim.max(3, false).mul(Tensor.of(CaptionMasks.meanWeights(mask, b, l), b, l, 1)).sum(1, false);
        Tensor bestToken = Indexing.maskedFill(sim, Tensor.of(CaptionMasks.padding(mask), b, l, 1, 1), MASKED).max(1, false);
        Tensor imageToText = bestToken.mean(2, false).transpose(0, 1);
        int[] diag = new int[b];
        for (int i = 0; i < b; i++) {
            diag[i] = i;
        }
        Indices targets = Indices.vector(diag);
        return Losses.crossEntropy(textToImage.mul(scale), targets, Losses.IGNORE_INDEX, 0f)
                .add(Losses.crossEntropy(imageToText.mul(scale), targets, Losses.IGNORE_INDEX, 0f)).mul(0.5f);
    }

    /** Σ over rows of weight × (−log softmax at the diagonal), masked keys excluded. */
    private static Tensor directional(Tensor logits, Tensor padKeys, Tensor weights, int b, int l) {
        Tensor logp = Indexing.maskedFill(logits, padKeys, MASKED).logSoftmax(-1);
        int[] diag = new int[b * l];
        for (int i = 0; i < diag.length; i++) {
            diag[i] = i % l;
        }
        Tensor picked = Indexing.gather(logp, 2, Indices.of(diag, b, l, 1)).reshape(b, l);
        return picked.mul(weights).sum().neg();
    }

    /** Per-row weights realising the chosen average; padded rows get 0. */
    private static Tensor rowWeights(float[] mask, int b, int l, Averaging averaging) {
        float[] w = averaging == Averaging.PER_SAMPLE ? CaptionMasks.meanWeights(mask, b, l) : mask.clone();
        double norm = 0;
        for (int i = 0; i < b; i++) {
            double real = 0;
            for (int j = 0; j < l; j++) {
                real += mask[i * l + j];
            }
            norm += averaging == Averaging.PER_SAMPLE ? (real > 0 ? 1 : 0) : real;
        }
        float scale = (float) (1 / Math.max(1, norm));
        for (int i = 0; i < w.length; i++) {
            w[i] *= scale;
        }
        return Tensor.of(w, b, l);
    }
}
