package io.jemini.eval.cli;

import io.jemini.engine.config.UsageException;
import io.jemini.engine.random.Rng;
import io.jemini.engine.task.Task;
import io.jemini.engine.task.TaskConfig;
import io.jemini.engine.task.Tasks;
import io.jemini.engine.training.Objective;
import io.jemini.eval.runs.Runs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Samples text from a trained model, given images where the model reads them. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Continue a prompt with the newest checkpoint of RUN_DIR (KV-cached decoding); for a multimodal "
                + "run, --image files go where the prompt says <image>.")
final class GenerateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR|CHECKPOINT", description = "a run directory or one of its checkpoints")
    Path path;

    @Option(names = "--prompt", required = true, description = "the text to continue (token ids separated by spaces "
            + "for runs on generated token data; words and <image> placeholders for multimodal runs)")
    String prompt;

    @Option(names = "--image", paramLabel = "FILE.png", description = "multimodal runs: an image for the next <image> "
            + "placeholder of the prompt (repeatable, in order)")
    List<Path> images = new ArrayList<>();

    @Option(names = "--tokens", defaultValue = "100", description = "tokens to generate (default: ${DEFAULT-VALUE})")
    int tokens;

    @Option(names = "--temperature", defaultValue = "0.8", description = "0 for greedy (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--top-k", defaultValue = "40", description = "sample among the k most likely; 0 for all (default: ${DEFAULT-VALUE})")
    int topK;

    @Option(names = "--seed", defaultValue = "0", description = "sampling seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() {
        if (tokens < 1 || !(temperature >= 0) || Double.isInfinite(temperature) || topK < 0) {
            throw new UsageException("--tokens must be >= 1, --temperature a finite number >= 0 and --top-k >= 0 (got "
                    + tokens + ", " + temperature + ", " + topK + ")");
        }
        if (prompt.codePoints().anyMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
            throw new UsageException("--prompt holds an unpaired UTF-16 surrogate; it cannot be encoded as UTF-8");
        }
        threads.apply();
        Runs.Located located = Runs.locate(path);
        System.out.println(generate(Tasks.of(located.run().config()), located));
        return 0;
    }

    private <C extends Record & TaskConfig<C>, M extends Objective> String generate(Task<C, M> task, Runs.Located located) {
        return task.generate(Runs.trained(task, located, List.of()), prompt, images, tokens, temperature, topK,
                new Rng(seed));
    }
}
