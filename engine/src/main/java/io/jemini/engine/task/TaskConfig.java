package io.jemini.engine.task;

import io.jemini.engine.config.CheckedConfig;
import io.jemini.engine.config.RuntimeSection;
import io.jemini.engine.training.RunEnvironment;
import io.jemini.engine.training.TrainSection;

/**
 * The keys every task's config has beside its own sections: which task, the run's name and
 * seed, the shared {@code train} section, where to compute, and the environment the runner records.
 */
public interface TaskConfig<C extends TaskConfig<C>> extends CheckedConfig {
    String task();

    String name();

    long seed();

    TrainSection train();

    RuntimeSection runtime();

    RunEnvironment environment();

    /** This config with the environment a new run records. */
    C withEnvironment(RunEnvironment environment);
}
