package io.jemini.eval.tasks;

import io.jemini.engine.config.Checks;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.config.RuntimeSection;
import io.jemini.engine.task.TaskConfig;
import io.jemini.engine.training.RunEnvironment;
import io.jemini.engine.training.TrainSection;

/** The config of the throwaway {@link LinearMapTask}: fit a random linear map from noisy samples. */
public record LinearMapConfig(String task, String name, long seed, Data data, TrainSection train, RuntimeSection runtime,
                              RunEnvironment environment) implements TaskConfig<LinearMapConfig> {
    private static final LinearMapConfig DEFAULTS = ConfigReader.defaults(LinearMapConfig.class, "linear-map-defaults.json");

    /** {@code y = W x + noise}; {@code poisonStep} makes that step's loss NaN (0: none), to exercise the non-finite policy. */
    public record Data(int inputs, int outputs, double noise, int heldOut, int poisonStep) {
    }

    public static LinearMapConfig defaults() {
        return DEFAULTS;
    }

    @Override
    public LinearMapConfig withEnvironment(RunEnvironment env) {
        return new LinearMapConfig(task, name, seed, data, train, runtime, env);
    }

    @Override
    public void check(Checks c) {
        c.oneOf("task", task, "linear-map");
        c.runName("name", name);
        c.atLeast("data.inputs", data.inputs(), 1);
        c.atLeast("data.outputs", data.outputs(), 1);
        c.atLeast("data.held_out", data.heldOut(), 1);
        train.check(c, 1);
        runtime.check(c);
    }
}
