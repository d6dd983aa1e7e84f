package io.jemini.lm.data;

import io.jemini.engine.ops.Indices;

/**
 * An endless, deterministic stream of training batches whose position can be saved and restored,
 * so a resumed run sees exactly the batches an uninterrupted run would.
 */
public interface BatchSource {
    /** Inputs {@code [batch, seq]} and next-token targets {@code [batch, seq]}. */
    Indices[] next(int batch, int seq);

    /** The stream position. */
    long[] position();

    /** Continues from a position returned by {@link #position()}. */
    void seek(long[] position);
}
