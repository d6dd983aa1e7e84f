package io.jemini.engine.nn;

import io.jemini.engine.random.Rng;
import java.util.List;

/**
 * What a forward pass carries besides its input: whether it trains, the step's noise source
 * (router jitter; null for none) and where layers report their {@link Auxiliary} losses and
 * metrics (null: nobody collects). Layers that need none of it ignore it.
 */
public record ForwardContext(boolean training, Rng noise, List<Auxiliary> auxiliary) {
    /** Inference: no noise, nothing collected. */
    public static final ForwardContext INFERENCE = new ForwardContext(false, null, null);

    /** A training pass with {@code noise} that collects auxiliary outputs into {@code sink}. */
    public static ForwardContext training(Rng noise, List<Auxiliary> sink) {
        return new ForwardContext(true, noise, sink);
    }

    /** The same pass with another noise source and sink (a recomputation under activation checkpointing). */
    public ForwardContext with(Rng otherNoise, List<Auxiliary> otherSink) {
        return new ForwardContext(training, otherNoise, otherSink);
    }

    public boolean collects() {
        return auxiliary != null;
    }

    /** Hands {@code a} to the sink, if there is one. */
    public void report(Auxiliary a) {
        if (auxiliary != null) {
            auxiliary.add(a);
        }
    }
}
