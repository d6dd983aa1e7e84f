package io.jemini.lm.model;

import io.jemini.engine.nn.AttentionShape;
import io.jemini.engine.ops.RopeScaling;

/**
 * The shape of a decoder-only transformer language model.
 *
 * @param norm             {@code rms} or {@code layer}
 * @param ffn              {@code swiglu} or {@code gelu}
 * @param attention        heads, key/value heads, plain or blockwise, sliding window
 * @param context          the longest sequence (prompt plus generated tokens) the model accepts
 * @param checkpointBlocks recompute each block's activations in the backward pass instead of keeping them
 */
public record LmConfig(int vocab, int dim, int layers, int heads, int hidden, int maxSeq, String norm, String ffn,
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
    public LmConfig(int vocab, int dim, int layers, int heads, int hidden, int maxSeq, String norm, String ffn,
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
