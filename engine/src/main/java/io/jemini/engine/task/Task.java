package io.jemini.engine.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.engine.config.UsageException;
import io.jemini.engine.random.Rng;
import io.jemini.engine.training.MemoryEstimate;
import io.jemini.engine.training.Objective;
import io.jemini.engine.training.RunDirectory;
import io.jemini.engine.training.Throughput;
import io.jemini.engine.training.Validation;
import java.nio.file.Path;
import java.util.List;

/**
 * A kind of run, named by a config's {@code "task"}: its config type and defaults, how its model
 * and data are built, its final evaluation, its evaluation suites, the results a sweep summary
 * tabulates and the sections its report adds. Every command works on any task through this
 * interface; a task is registered as a {@link java.util.ServiceLoader} provider of it.
 *
 * @param <C> the config record
 * @param <M> the built model with its data, as the training loop steps it
 */
public interface Task<C extends Record & TaskConfig<C>, M extends Objective> {
    /** The config's {@code "task"} value. */
    String name();

    Class<C> configType();

    /** Every key's default. */
    C defaults();

    /** The heap a run of {@code config} needs, checked before anything is built. */
    MemoryEstimate memory(C config);

    Throughput throughput(C config);

    /**
     * The model and data of {@code config}, every generator derived from its seed, so a run is a
     * function of its config. Files the data needs beside the weights (a tokenizer) are read from,
     * or written to, {@code run}.
     */
    M build(C config, RunDirectory run);

    /** The final evaluation, entered into {@code results.json}; {@code lastValidation} is the last step's, or null. */
    ObjectNode results(M model, Validation lastValidation);

    /** After training and results: figures that need the trained model (e.g. alignment maps). */
    default void afterTraining(RunDirectory run, M model) {
    }

    /** The line printed when a run finishes, from its results. */
    String summary(JsonNode results);

    /** The results a sweep summary shows per run. */
    List<String> summaryKeys();

    /** The evaluations {@code jemini eval} offers, the default first. */
    List<EvalSuite<M>> suites();

    /** The task's own report sections, in order, between the learning curve and the config. */
    List<ReportSection> reportSections();

    /**
     * Continues {@code prompt} by {@code tokens} tokens, with {@code images} where the prompt has
     * placeholders for them; tasks that do not generate refuse with a usage message.
     */
    default String generate(M model, String prompt, List<Path> images, int tokens, double temperature, int topK, Rng rng) {
        throw new UsageException("task " + name() + " does not generate; 'jemini generate' applies to language models");
    }
}
