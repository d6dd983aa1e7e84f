package io.jemini.lm.model;

import io.jemini.engine.nn.AttentionShape;
import io.jemini.engine.nn.FeedForward;
import io.jemini.engine.nn.Norm;
import io.jemini.engine.ops.RopeScaling;

/**
 * The shape of a decoder-only transformer language model.
 *
 * @param norm             RMSNorm or LayerNorm
 * @param ffn              SwiGLU or a GELU MLP
 * @param attention        heads, key/value heads, plain or blockwise, sliding window
 * @param context          the longest sequence (prompt plus generated tokens) the model accepts
 * @param checkpointBlocks recompute each block's activations in the backward pass instead of keeping them
 */
public record LmConfig(int vocab, int dim, int layers, int heads, int hidden, int maxSeq, Norm.Kind norm, FeedForward.Kind ffn,
                       double ropeBase, boolean tiedEmbeddings, float eps, AttentionShape attention, int context,
                       RopeScaling ropeScaling, boolean checkpointBlocks) {
    /** Default context when none is configured. */
    public static final int DEFAULT_CONTEXT = 4096;

    public LmConfig {
        if (attention.heads() != heads) {
            throw new IllegalArgumentException("attention has " + attention.heads() + " heads but the model " + heads);
        }
        if (context < maxSeq) {
            throw new IllegalArgumentException("context " + context + " is shorter than the training length " + maxSeq);
        }
    }

    /** Multi-head attention with materialised scores, a context of at least {@value #DEFAULT_CONTEXT}, plain RoPE. */
    public LmConfig(int vocab, int dim, int layers, int heads, int hidden, int maxSeq, Norm.Kind norm, FeedForward.Kind ffn,
                    double ropeBase, boolean tiedEmbeddings, float eps) {
        this(vocab, dim, layers, heads, hidden, maxSeq, norm, ffn, ropeBase, tiedEmbeddings, eps,
                AttentionShape.multiHead(heads), Math.max(maxSeq, DEFAULT_CONTEXT), RopeScaling.NONE, false);
    }

    /** This model with another attention layout, training length, context and checkpointing (what benchmarks vary). */
    public LmConfig withAttention(AttentionShape attention, int maxSeq, int context, boolean checkpointBlocks) {
        return new LmConfig(vocab, dim, layers, heads, hidden, maxSeq, norm, ffn, ropeBase, tiedEmbeddings, eps, attention, context,
                ropeScaling, checkpointBlocks);
    }
}
