package io.jemini.contrastive.model;

import io.jemini.contrastive.data.CaptionMasks;
import io.jemini.engine.nn.Embedding;
import io.jemini.engine.nn.FeedForward;
import io.jemini.engine.nn.LayerNorm;
import io.jemini.engine.nn.Module;
import io.jemini.engine.nn.Norm;
import io.jemini.engine.nn.TransformerBlock;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A small bidirectional text encoder: token and learned position embeddings, pre-norm blocks
 * whose attention ignores padded keys, and a final LayerNorm. Pooling (a masked mean) is left to
 * the caller.
 */
public final class TextTransformer extends Module {
    private final Embedding tokens;
    private final Tensor position;
    private final List<TransformerBlock> blocks = new ArrayList<>();
    private final LayerNorm norm;
    private final int maxLength;

    public TextTransformer(int vocab, int maxLength, int dim, int layers, int heads, int hidden, Rng rng) {
        this.maxLength = maxLength;
        this.tokens = child("token_embed", new Embedding(vocab, dim, 0.02f, rng));
        this.position = parameter("position", Tensor.randn(rng, 0.02f, maxLength, dim));
        for (int i = 0; i < layers; i++) {
            blocks.add(child("blocks." + i, new TransformerBlock(dim, heads, hidden, Norm.Kind.LAYER, FeedForward.Kind.GELU, 1e-5f, rng)));
        }
        this.norm = child("norm", new LayerNorm(dim, 1e-5f));
    }

    /** Token features {@code [B, L, dim]} for ids {@code [B, L]} with {@code mask [B, L]} (1 real, 0 padding). */
    public Tensor forward(Indices ids, float[] mask) {
        int b = ids.shape().dim(0);
        int l = ids.shape().dim(1);
        if (l > maxLength) {
            throw new IllegalArgumentException("captions of " + l + " tokens exceed the encoder's " + maxLength);
        }
        Tensor padding = Tensor.of(CaptionMasks.padding(mask), b, l);
        Tensor h = tokens.forward(ids).add(io.jemini.engine.ops.Shapes.slice(position, 0, 0, l));
        for (TransformerBlock block : blocks) {
            h = block.forward(h, null, false, padding);
        }
        return norm.forward(h);
    }
}
