package io.jemini.engine.optim;

import java.util.Map;

/**
 * Updates a named parameter map from its gradients. The learning rate is passed to each step
 * (schedules live outside); the state is exposed by parameter name for checkpoints.
 */
public interface Optimizer {
    /** Applies one update with learning rate {@code lr}; parameters without a gradient are skipped. */
    void step(float lr);

    /** Number of steps taken so far. */
    long steps();

    /** Per-parameter state buffers, keyed {@code <param>.<buffer>} (e.g. {@code w.exp_avg}). */
    Map<String, float[]> state();

    /**
     * Restores state saved from {@link #state()} and {@link #steps()}; every buffer must be
     * present with the parameter's size.
     */
    void restore(Map<String, float[]> state, long steps);

    /** Zeroes every parameter's gradient. */
    void zeroGrad();
}
