package io.jemini.multimodal.model;

import io.jemini.contrastive.model.VisionTransformer;
import io.jemini.engine.nn.FeedForward;
import io.jemini.engine.nn.ForwardContext;
import io.jemini.engine.nn.Linear;
import io.jemini.engine.nn.Module;
import io.jemini.engine.ops.Indexing;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.ops.Shapes;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import io.jemini.lm.model.LmConfig;
import io.jemini.lm.model.TransformerLm;
import io.jemini.multimodal.data.PackedBatch;
import java.util.List;

/**
 * The language model reading images: each image patch is projected to the model width
 * ({@code vision.patch}, a linear map of its pixels, or of its features from a vision transformer
 * tower) and takes its place in the sequence between
 * the {@code <img>} and {@code </img>} word embeddings, so the decoder — dense or MoE, with every
 * option of the LM — attends over text and patches alike, with RoPE positions running through both.
 */
public final class MultimodalModel extends Module {
    private final TransformerLm lm;
    private final Linear patch;
    private final VisionTransformer tower;
    private final int dim;

    /** Patches projected straight from their pixels ({@code vision.patch}). */
    public MultimodalModel(LmConfig config, int patchDim, FeedForward.Factory ffn, Rng rng) {
        this(config, patchDim, null, ffn, rng);
    }

    /**
     * With a {@code tower}, patches pass through the image–text model's vision transformer first
     * ({@code vision.tower}, registered before the projection so that it can be loaded from a
     * SPARC or CLIP run) and its features are projected to the model width ({@code vision.patch}).
     */
    public MultimodalModel(LmConfig config, int patchDim, VisionTransformer tower, FeedForward.Factory ffn, Rng rng) {
        this.dim = config.dim();
        this.lm = child("lm", ffn == null ? new TransformerLm(config, rng) : new TransformerLm(config, rng, ffn));
        this.tower = tower == null ? null : child("vision.tower", tower);
        this.patch = child("vision.patch", new Linear(tower == null ? patchDim : tower.width(), config.dim(), true, rng));
    }

    public TransformerLm lm() {
        return lm;
    }

    /** The inputs of a packed batch as embeddings {@code [B, T, dim]}: words embedded, patches projected. */
    public Tensor embed(PackedBatch b) {
        Tensor words = lm.embed(Indices.of(b.tokens(), b.batch(), b.length()));
        int n = b.patchPositions().length;
        if (n == 0) {
            return words;
        }
        int rows = b.batch() * b.length();
        Tensor pixels = Tensor.of(b.patches(), n, b.patchDim());
        Tensor patches = tower == null ? patch.forward(pixels) : patch.forward(tower.forwardPatches(pixels.reshape(
                n / tower.patches(), tower.patches(), b.patchDim())).reshape(n, tower.width()));
        Tensor all = Shapes.concat(List.of(words.reshape(rows, dim), patches), 0);
        int[] pick = new int[rows];
        for (int i = 0; i < rows; i++) {
            pick[i] = i;
        }
        for (int k = 0; k < n; k++) {
            pick[b.patchPositions()[k]] = rows + k;
        }
        return Indexing.indexSelect(all, 0, pick).reshape(b.batch(), b.length(), dim);
    }

    /** Logits {@code [B, T, vocab]} of a packed batch. */
    public Tensor logits(PackedBatch b, ForwardContext context) {
        return lm.logitsOfEmbeddings(embed(b), context);
    }
}
