package io.jemini.engine.nn;

import io.jemini.engine.ops.Attention;
import io.jemini.engine.ops.Rotary;
import io.jemini.engine.ops.Shapes;
import java.util.List;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;

/**
 * Multi-head self-attention with separate q/k/v/o projections (no biases), optional rotary
 * position embedding on q and k, a causal mask and a key padding mask.
 */
public final class MultiHeadAttention extends Module {
    private final int heads;
    private final int headDim;
    private final Linear q;
    private final Linear k;
    private final Linear v;
    private final Linear o;

    public MultiHeadAttention(int dim, int heads, Rng rng) {
        if (heads <= 0 || dim % heads != 0) {
            throw new IllegalArgumentException("attention: model dimension " + dim + " is not divisible by "
                    + heads + " heads");
        }
        this.heads = heads;
        this.headDim = dim / heads;
        this.q = child("q_proj", new Linear(dim, dim, false, rng));
        this.k = child("k_proj", new Linear(dim, dim, false, rng));
        this.v = child("v_proj", new Linear(dim, dim, false, rng));
        this.o = child("o_proj", new Linear(dim, dim, false, rng));
    }

    public int headDim() {
        return headDim;
    }

    /**
     * @param x          {@code [B, T, dim]}
     * @param rope       rotary table for positions {@code 0..T-1}, or null
     * @param keyPadding {@code [B, T]} with 1 at padding, or null
     */
    public Tensor forward(Tensor x, Rotary rope, boolean causal, Tensor keyPadding) {
        int b = x.dim(0);
        int t = x.dim(1);
        Tensor qh = split(q.forward(x), b, t);
        Tensor kh = split(k.forward(x), b, t);
        Tensor vh = split(v.forward(x), b, t);
        if (rope != null) {
            qh = rope.apply(qh, 0);
            kh = rope.apply(kh, 0);
        }
        Tensor out = Attention.scaledDotProduct(qh, kh, vh, causal, keyPadding);
        return o.forward(out.permute(0, 2, 1, 3).reshape(b, t, heads * headDim));
    }

    /**
     * Self-attention of new positions {@code x [B, T, dim]} over the cached ones plus themselves:
     * RoPE at positions {@code cache.length() …}, then this layer's keys and values are appended.
     */
    public Tensor forwardCached(Tensor x, Rotary rope, KvCache cache, int layer) {
        int b = x.dim(0);
        int t = x.dim(1);
        int offset = cache.length();
        Tensor qh = split(q.forward(x), b, t);
        Tensor kh = split(k.forward(x), b, t);
        Tensor vh = split(v.forward(x), b, t);
        if (rope != null) {
            qh = rope.apply(qh, offset);
            kh = rope.apply(kh, offset);
        }
        if (offset > 0) {
            kh = Shapes.concat(List.of(cache.keys(layer), kh), 2);
            vh = Shapes.concat(List.of(cache.values(layer), vh), 2);
        }
        cache.set(layer, kh, vh);
        Tensor out = Attention.scaledDotProduct(qh, kh, vh, true, null);
        return o.forward(out.permute(0, 2, 1, 3).reshape(b, t, heads * headDim));
    }

    private Tensor split(Tensor x, int b, int t) {
        return x.reshape(b, t, heads, headDim).permute(0, 2, 1, 3);
    }
}
