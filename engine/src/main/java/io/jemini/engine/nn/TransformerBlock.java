package io.jemini.engine.nn;

import io.jemini.engine.ops.Rotary;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;

/** A pre-norm transformer block: {@code x + attn(norm(x))}, then {@code x + ffn(norm(x))}. */
public final class TransformerBlock extends Module {
    private final Norm attnNorm;
    private final MultiHeadAttention attn;
    private final Norm ffnNorm;
    private final FeedForward ffn;

    /**
     * @param norm {@code "layer"} or {@code "rms"}
     * @param ffn  {@code "gelu"} or {@code "swiglu"}
     */
    public TransformerBlock(int dim, int heads, int hidden, String norm, String ffn, float eps, Rng rng) {
        this.attnNorm = (Norm) child("attn_norm", Norm.create(norm, dim, eps));
        this.attn = child("attn", new MultiHeadAttention(dim, heads, rng));
        this.ffnNorm = (Norm) child("ffn_norm", Norm.create(norm, dim, eps));
        this.ffn = (FeedForward) child("ffn", FeedForward.create(ffn, dim, hidden, rng));
    }

    /** Decoding step over new positions, reading and extending {@code cache} for this layer. */
    public Tensor forwardCached(Tensor x, Rotary rope, KvCache cache, int layer) {
        Tensor h = x.add(attn.forwardCached(attnNorm.forward(x), rope, cache, layer));
        return h.add(ffn.forward(ffnNorm.forward(h)));
    }

    public Tensor forward(Tensor x, Rotary rope, boolean causal, Tensor keyPadding) {
        Tensor h = x.add(attn.forward(attnNorm.forward(x), rope, causal, keyPadding));
        return h.add(ffn.forward(ffnNorm.forward(h)));
    }
}
