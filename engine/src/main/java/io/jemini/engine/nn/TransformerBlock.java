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

    /** Multi-head attention and a dense feed-forward of width {@code hidden}. */
    public TransformerBlock(int dim, int heads, int hidden, Norm.Kind norm, FeedForward.Kind ffn, float eps, Rng rng) {
        this(dim, heads, norm, eps, rng, r -> FeedForward.create(ffn, dim, hidden, r));
    }

    /** A block whose feed-forward comes from {@code ffnFactory} (given the generator after attention's). */
    public TransformerBlock(int dim, int heads, Norm.Kind norm, float eps, Rng rng,
                            java.util.function.Function<Rng, Module> ffnFactory) {
        this(dim, AttentionShape.multiHead(heads), norm, eps, rng, ffnFactory);
    }

    /** A block with the given attention layout. */
    public TransformerBlock(int dim, AttentionShape attention, Norm.Kind norm, float eps, Rng rng,
                            java.util.function.Function<Rng, Module> ffnFactory) {
        this.attnNorm = (Norm) child("attn_norm", Norm.create(norm, dim, eps));
        this.attn = child("attn", new MultiHeadAttention(dim, attention, rng));
        this.ffnNorm = (Norm) child("ffn_norm", Norm.create(norm, dim, eps));
        this.ffn = (FeedForward) child("ffn", ffnFactory.apply(rng));
    }

    public FeedForward ffn() {
        return ffn;
    }

    /** Decoding step over new positions, reading and extending {@code cache} for this layer. */
    public Tensor forwardCached(Tensor x, Rotary rope, KvCache cache, int layer) {
        return feedForward(x.add(attn.forwardCached(attnNorm.forward(x), rope, cache, layer)),
                ForwardContext.INFERENCE);
    }

    public Tensor forward(Tensor x, Rotary rope, boolean causal, Tensor keyPadding) {
        return forward(x, rope, causal, keyPadding, ForwardContext.INFERENCE);
    }

    /**
     * The forward pass that also collects the feed-forward's auxiliary outputs (MoE losses and
     * metrics) into {@code aux} when it is not null; {@code rng} feeds any router jitter.
     */
    public Tensor forward(Tensor x, Rotary rope, boolean causal, Tensor keyPadding, ForwardContext context) {
        return feedForward(x.add(attn.forward(attnNorm.forward(x), rope, causal, keyPadding)), context);
    }

    private Tensor feedForward(Tensor h, ForwardContext context) {
        return h.add(ffn.forward(ffnNorm.forward(h), context));
    }
}
