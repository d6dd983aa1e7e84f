package io.jemini.engine.training;

import io.jemini.engine.config.ConfigChoice;

/** What a step whose loss or gradient norm is NaN or infinite does ({@code train.non_finite}). */
public enum NonFinitePolicy implements ConfigChoice {
    /** Stop the run, naming the step; earlier checkpoints stay. */
    STOP,
    /** Skip the update and count the step. */
    SKIP
}
