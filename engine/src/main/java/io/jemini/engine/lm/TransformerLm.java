package io.jemini.engine.lm;

import io.jemini.engine.nn.Auxiliary;
import io.jemini.engine.nn.Embedding;
import io.jemini.engine.nn.FeedForward;
import io.jemini.engine.nn.KvCache;
import io.jemini.engine.nn.Linear;
import io.jemini.engine.nn.Module;
import io.jemini.engine.nn.Norm;
import io.jemini.engine.nn.TransformerBlock;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.ops.LinearAlgebra;
import io.jemini.engine.ops.Losses;
import io.jemini.engine.ops.Rotary;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A dense decoder-only transformer LM: token embedding, pre-norm causal blocks with RoPE, a final
 * norm and an output head (tied to the embedding or separate). Parameter names:
 * {@code embed.weight}, {@code blocks.<i>.…}, {@code norm.weight}, {@code head.weight}.
 */
public final class TransformerLm extends Module {
    /** Positions the RoPE table covers at least, so generation can run past the training length. */
    public static final int GENERATION_POSITIONS = 4096;

    private final LmConfig config;
    private final Embedding embed;
    private final List<TransformerBlock> blocks = new ArrayList<>();
    private final Norm norm;
    private final Linear head;
    private final Rotary rope;

    public TransformerLm(LmConfig config, Rng rng) {
        this(config, rng, (layer, dim, r) -> FeedForward.create(config.ffn(), dim, config.hidden(), r));
    }

    /** An LM whose blocks take their feed-forward from {@code ffn} (e.g. MoE layers). */
    public TransformerLm(LmConfig config, Rng rng, FeedForward.Factory ffn) {
        this.config = config;
        this.embed = child("embed", new Embedding(config.vocab(), config.dim(), 0.02f, rng));
        for (int i = 0; i < config.layers(); i++) {
            int layer = i;
            blocks.add(child("blocks." + i, new TransformerBlock(config.dim(), config.heads(), config.norm(), config.eps(), rng,
                    r -> ffn.create(layer, config.dim(), r))));
        }
        this.norm = (Norm) child("norm", Norm.create(config.norm(), config.dim(), config.eps()));
        this.head = config.tiedEmbeddings() ? null : child("head", new Linear(config.dim(), config.vocab(), false, rng));
        this.rope = new Rotary(config.dim() / config.heads(), Math.max(config.maxSeq(), GENERATION_POSITIONS),
                config.ropeBase());
    }

    public LmConfig config() {
        return config;
    }

    /** Logits {@code [B, T, vocab]} for token ids {@code [B, T]}. */
    public Tensor logits(Indices ids) {
        return logits(ids, null, null);
    }

    /** The final norm and the output head (tied to the embedding or separate). */
    private Tensor output(Tensor h) {
        Tensor n = norm.forward(h);
        return head == null ? LinearAlgebra.matmul(n, embed.weight(), false, true) : head.forward(n);
    }

    /** The longest sequence (prompt plus generated tokens) the position table covers. */
    public int contextLimit() {
        return rope.maxPositions();
    }

    /** Logits {@code [B, T, vocab]} for new tokens {@code ids [B, T]} after the cached ones, extending the cache. */
    public Tensor logitsCached(Indices ids, KvCache cache) {
        int t = ids.shape().dim(1);
        if (cache.length() + t > contextLimit()) {
            throw new IllegalArgumentException("context of " + (cache.length() + t) + " tokens exceeds the model's limit of "
                    + contextLimit());
        }
        Tensor h = embed.forward(ids);
        for (int i = 0; i < blocks.size(); i++) {
            h = blocks.get(i).forwardCached(h, rope, cache, i);
        }
        cache.advance(t);
        return output(h);
    }

    public KvCache newCache() {
        return new KvCache(blocks.size());
    }

    /**
     * Training logits: like {@link #logits} but collecting the blocks' auxiliary outputs (MoE
     * losses and metrics) into {@code aux} (when not null); {@code rng} feeds any router jitter.
     */
    public Tensor logits(Indices ids, Rng rng, List<Auxiliary> aux) {
        Tensor h = embed.forward(ids);
        for (TransformerBlock block : blocks) {
            h = block.forward(h, rope, true, null, rng, aux);
        }
        return output(h);
    }

    /** Every block's feed-forward, in order. */
    public List<FeedForward> feedForwards() {
        return blocks.stream().map(TransformerBlock::ffn).toList();
    }

    /** Mean next-token cross-entropy (nats) of {@code targets} given {@code inputs}. */
    public Tensor loss(Indices inputs, Indices targets) {
        return Losses.crossEntropy(logits(inputs), targets, Losses.IGNORE_NONE, 0f);
    }
}
