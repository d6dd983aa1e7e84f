package io.jemini.lm.data;

import io.jemini.engine.ops.Indices;

/** Fixed held-out batches that losses are measured on: the same batches every time they are asked for. */
public interface HeldOut {
    /** How many batches of {@code batch × seq} there are (at most {@link Integer#MAX_VALUE}). */
    int batches(int batch, int seq);

    /** Batch {@code i}: inputs {@code [batch, seq]} and targets, unscored targets holding the ignore index. */
    Indices[] batch(int i, int batch, int seq);
}
