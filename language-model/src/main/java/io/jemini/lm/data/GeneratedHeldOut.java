package io.jemini.lm.data;

import io.jemini.engine.ops.Indices;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Held-out batches drawn in order from a fresh generator of training-like batches with a seed of
 * their own: what a run that trains only on generated exercises (invented languages, RULER-style
 * tasks at rate 1) is validated on, scored as its training is.
 */
public final class GeneratedHeldOut implements HeldOut {
    private final Supplier<BatchSource> generator;
    private final List<Indices[]> drawn = new ArrayList<>();
    private BatchSource source;
    private int drawnBatch = -1;
    private int drawnSeq = -1;

    /** {@code generator} makes the same stream each time it is called. */
    public GeneratedHeldOut(Supplier<BatchSource> generator) {
        this.generator = generator;
    }

    @Override
    public int batches(int batch, int seq) {
        return Integer.MAX_VALUE;
    }

    @Override
    public synchronized Indices[] batch(int i, int batch, int seq) {
        if (batch != drawnBatch || seq != drawnSeq) {
            drawn.clear();
            source = generator.get();
            drawnBatch = batch;
            drawnSeq = seq;
        }
        while (drawn.size() <= i) {
            drawn.add(source.next(batch, seq));
        }
        return drawn.get(i);
    }
}
