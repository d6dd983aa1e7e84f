package io.jemini.engine.nn;

import io.jemini.engine.ops.Attention;
import io.jemini.engine.ops.BlockwiseAttention;
import io.jemini.engine.ops.Rotary;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;

/**
 * Self-attention with separate q/k/v/o projections (no biases), optional rotary position
 * embedding on q and k, a causal mask and a key padding mask, grouped-query heads and an
 * optional sliding window, computed plainly or blockwise (see {@link AttentionShape}).
 */
public final class MultiHeadAttention extends Module {
    private final AttentionShape shape;
    private final int headDim;
    private final Linear q;
    private final Linear k;
    private final Linear v;
    private final Linear o;

    public MultiHeadAttention(int dim, int heads, Rng rng) {
        this(dim, AttentionShape.multiHead(heads), rng);
    }

    public MultiHeadAttention(int dim, AttentionShape shape, Rng rng) {
        if (dim % shape.heads() != 0) {
            throw new IllegalArgumentException("attention: model dimension " + dim + " is not divisible by "
                    + shape.heads() + " heads");
        }
        this.shape = shape;
        this.headDim = dim / shape.heads();
        this.q = child("q_proj", new Linear(dim, dim, false, rng));
        this.k = child("k_proj", new Linear(dim, shape.kvHeads() * headDim, false, rng));
        this.v = child("v_proj", new Linear(dim, shape.kvHeads() * headDim, false, rng));
        this.o = child("o_proj", new Linear(dim, dim, false, rng));
    }

    public int headDim() {
        return headDim;
    }

    public AttentionShape shape() {
        return shape;
    }

    /**
     * @param x          {@code [B, T, dim]}
     * @param rope       rotary table for positions {@code 0..T-1}, or null
     * @param keyPadding {@code [B, T]} with 1 at padding, or null (plain attention only)
     */
    public Tensor forward(Tensor x, Rotary rope, boolean causal, Tensor keyPadding) {
        int b = x.dim(0);
        int t = x.dim(1);
        Tensor qh = split(q.forward(x), b, t, shape.heads());
        Tensor kh = split(k.forward(x), b, t, shape.kvHeads());
        Tensor vh = split(v.forward(x), b, t, shape.kvHeads());
        if (rope != null) {
            qh = rope.apply(qh, 0);
            kh = rope.apply(kh, 0);
        }
        Tensor out;
        if (shape.kind() == AttentionShape.Kind.BLOCKWISE && keyPadding == null) {
            out = BlockwiseAttention.apply(qh, kh, vh, causal, shape.window());
        } else {
            out = Attention.scaledDotProduct(qh, repeatHeads(kh), repeatHeads(vh), causal, shape.window(), keyPadding);
        }
        return o.forward(out.permute(0, 2, 1, 3).reshape(b, t, shape.heads() * headDim));
    }

    /**
     * Self-attention of new positions {@code x [B, T, dim]} over the cached ones plus themselves:
     * RoPE at positions {@code cache.length() …}, this layer's keys and values appended to the
     * cache, then attention over the cache (memory-linear, no gradient).
     */
    public Tensor forwardCached(Tensor x, Rotary rope, KvCache cache, int layer) {
        int b = x.dim(0);
        int t = x.dim(1);
        int offset = cache.length();
        Tensor qh = split(q.forward(x), b, t, shape.heads());
        Tensor kh = split(k.forward(x), b, t, shape.kvHeads());
        Tensor vh = split(v.forward(x), b, t, shape.kvHeads());
        if (rope != null) {
            qh = rope.apply(qh, offset);
            kh = rope.apply(kh, offset);
        }
        cache.append(layer, kh, vh);
        Tensor out = BlockwiseAttention.overCache(qh, cache.keys(layer), cache.values(layer), shape.kvHeads(), offset + t,
                cache.capacity(), shape.window());
        return o.forward(out.permute(0, 2, 1, 3).reshape(b, t, shape.heads() * headDim));
    }

    /** {@code [B, Hkv, T, D]} to {@code [B, Hq, T, D]}, each key/value head repeated for its query group. */
    private Tensor repeatHeads(Tensor x) {
        int group = shape.heads() / shape.kvHeads();
        if (group == 1) {
            return x;
        }
        int b = x.dim(0);
        int t = x.dim(2);
        return x.reshape(b, shape.kvHeads(), 1, t, headDim).add(Tensor.zeros(1, 1, group, 1, 1))
                .reshape(b, shape.heads(), t, headDim);
    }

    private Tensor split(Tensor x, int b, int t, int heads) {
        return x.reshape(b, t, heads, headDim).permute(0, 2, 1, 3);
    }
}
