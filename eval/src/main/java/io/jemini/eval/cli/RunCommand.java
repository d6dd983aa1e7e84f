package io.jemini.eval.cli;

import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.training.QuickstartConfig;
import io.jemini.engine.training.QuickstartTrainer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Trains the model a config describes and prints its learning curve and evaluation. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Train a model from a JSON config (for now: the quickstart LM on generated text).")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONFIG", description = "the experiment config (JSON)")
    Path config;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() {
        QuickstartConfig cfg = ConfigReader.read(config, QuickstartConfig.class).validate(config.toString());
        threads.apply();
        QuickstartTrainer.train(cfg, System.out);
        return 0;
    }
}
