package io.jemini.lm.model;

import io.jemini.engine.autograd.ActivationCheckpoint;
import io.jemini.engine.nn.Auxiliary;
import io.jemini.engine.nn.Embedding;
import io.jemini.engine.nn.FeedForward;
import io.jemini.engine.nn.ForwardContext;
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
            blocks.add(child("blocks." + i, new TransformerBlock(config.dim(), config.attention(), config.norm(), config.eps(),
                    rng, r -> ffn.create(layer, config.dim(), r))));
        }
        this.norm = (Norm) child("norm", Norm.create(config.norm(), config.dim(), config.eps()));
        this.head = config.tiedEmbeddings() ? null : child("head", new Linear(config.dim(), config.vocab(), false, rng));
        this.rope = new Rotary(config.dim() / config.heads(), config.context(), config.ropeBase(), config.ropeScaling());
    }

    public LmConfig config() {
        return config;
    }

    /** Logits {@code [B, T, vocab]} for token ids {@code [B, T]}. */
    public Tensor logits(Indices ids) {
        return logits(ids, ForwardContext.INFERENCE);
    }

    /** The final norm and the output head (tied to the embedding or separate). */
    private Tensor output(Tensor h) {
        Tensor n = norm.forward(h);
        return head == null ? LinearAlgebra.matmul(n, embed.weight(), false, true) : head.forward(n);
    }

    /** The longest sequence (prompt plus generated tokens) the model accepts: the config's context. */
    public int contextLimit() {
        return config.context();
    }

    /** Logits {@code [B, T, vocab]} for new tokens {@code ids [B, T]} after the cached ones, extending the cache. */
    public Tensor logitsCached(Indices ids, KvCache cache) {
        return logitsCachedOfEmbeddings(embed.forward(ids), cache);
    }

    /** As {@link #logitsCached}, for inputs given as embeddings {@code [B, T, dim]}. */
    public Tensor logitsCachedOfEmbeddings(Tensor h, KvCache cache) {
        int t = h.dim(1);
        if (cache.length() + t > cache.capacity()) {
            throw new IllegalArgumentException("context of " + (cache.length() + t) + " tokens exceeds the cache's "
                    + cache.capacity() + " positions");
        }
        for (int i = 0; i < blocks.size(); i++) {
            h = blocks.get(i).forwardCached(h, rope, cache, i);
        }
        cache.advance(t);
        return output(h);
    }

    /** The bytes of a KV cache of {@code positions} positions for {@code batch} sequences. */
    public long cacheBytes(int batch, long positions) {
        return KvCache.bytes(blocks.size(), batch, config.attention().kvHeads(), config.dim() / config.heads(), positions);
    }

    /**
     * A KV cache for {@code batch} sequences of up to {@code positions} tokens. A request beyond the
     * context limit, or whose cache would not fit in the free heap, fails here, before any work,
     * naming the limit and the memory it needs.
     */
    public KvCache newCache(int batch, int positions) {
        if (positions > contextLimit()) {
            throw new IllegalArgumentException("a context of " + positions + " tokens exceeds the model's limit of "
                    + contextLimit() + " (model.context)");
        }
        long need = cacheBytes(batch, positions);
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (need > free) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "a KV cache of %,d tokens needs %.2f GiB "
                    + "(2 · %d layers · %d sequences · %d key/value heads · %d head size · %,d positions · 4 bytes) but "
                    + "%.2f GiB of heap is free; raise JEMINI_HEAP, shorten the context or use fewer key/value heads",
                    positions, need / (double) (1L << 30), blocks.size(), batch, config.attention().kvHeads(),
                    config.dim() / config.heads(), positions, free / (double) (1L << 30)));
        }
        return new KvCache(blocks.size(), batch, config.attention().kvHeads(), config.dim() / config.heads(), positions);
    }

    /** Logits within a context: training passes report the blocks' auxiliary outputs (MoE losses and metrics) to it. */
    public Tensor logits(Indices ids, ForwardContext context) {
        return logitsOfEmbeddings(embed.forward(ids), context);
    }

    /** The token embeddings {@code [B, T, dim]} of {@code ids}. */
    public Tensor embed(Indices ids) {
        return embed.forward(ids);
    }

    /**
     * Logits for a sequence given as embeddings {@code [B, T, dim]} (token embeddings, or other
     * inputs such as image patches projected to the model width, interleaved with them); positions
     * run 0 … T−1 through all of them.
     */
    public Tensor logitsOfEmbeddings(Tensor h, ForwardContext context) {
        for (TransformerBlock block : blocks) {
            if (config.checkpointBlocks()) {
                h = checkpointed(block, h, context);
            } else {
                h = block.forward(h, rope, true, null, context);
            }
        }
        return output(h);
    }

    /**
     * One block under activation checkpointing. Its auxiliary losses become side outputs of the
     * checkpoint, so their gradients flow through the recomputation; the metrics kept are the
     * first pass's.
     */
    private Tensor checkpointed(TransformerBlock block, Tensor h, ForwardContext context) {
        List<List<Auxiliary>> firstPass = new ArrayList<>(1);
        Tensor[] outputs = ActivationCheckpoint.apply("checkpointed_block", h, context.noise(), (x, r) -> {
            List<Auxiliary> collected = context.collects() ? new ArrayList<>() : null;
            Tensor y = block.forward(x, rope, true, null, context.with(r, collected));
            if (collected == null) {
                return new Tensor[] {y};
            }
            if (firstPass.isEmpty()) {
                firstPass.add(collected);
            }
            Tensor[] out = new Tensor[collected.size() + 1];
            out[0] = y;
            for (int i = 0; i < collected.size(); i++) {
                out[i + 1] = collected.get(i).loss();
            }
            return out;
        }, block.parameters().values());
        if (context.collects()) {
            firstPass.get(0).forEach(context::report);
        }
        return outputs[0];
    }

    /** Every block's feed-forward, in order. */
    public List<FeedForward> feedForwards() {
        return blocks.stream().map(TransformerBlock::ffn).toList();
    }

    /** Mean next-token cross-entropy (nats) of {@code targets} given {@code inputs}. */
    public Tensor loss(Indices inputs, Indices targets) {
        return Losses.crossEntropy(logits(inputs), targets, Losses.IGNORE_INDEX, 0f);
    }
}
