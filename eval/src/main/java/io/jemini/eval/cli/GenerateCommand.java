package io.jemini.eval.cli;

import io.jemini.engine.config.UsageException;
import io.jemini.engine.lm.Sampler;
import io.jemini.engine.random.Rng;
import io.jemini.engine.text.ByteBpeTokenizer;
import io.jemini.engine.training.Trainer;
import io.jemini.eval.runs.Runs;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Samples text from a trained model. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Continue a prompt with the newest checkpoint of RUN_DIR (KV-cached decoding).")
final class GenerateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR|CHECKPOINT", description = "a run directory or one of its checkpoints")
    Path path;

    @Option(names = "--prompt", required = true, description = "the text to continue (token ids separated by spaces "
            + "for runs on generated token data)")
    String prompt;

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
        Trainer.Setup setup = Runs.trained(Runs.locate(path));
        ByteBpeTokenizer tok = setup.data().tokenizer();
        int[] ids;
        if (tok != null) {
            ids = prompt.isEmpty() ? new int[] {tok.endOfText()} : tok.encode(prompt);
        } else {
            try {
                ids = java.util.Arrays.stream(prompt.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
            } catch (NumberFormatException e) {
                throw new UsageException("this run's tokens are ids 0.." + (setup.data().vocab() - 1)
                        + "; give the prompt as ids separated by spaces");
            }
            for (int id : ids) {
                if (id < 0 || id >= setup.data().vocab()) {
                    throw new UsageException("prompt token " + id + " is outside 0.." + (setup.data().vocab() - 1));
                }
            }
        }
        int[] out = Sampler.generate(setup.model(), ids, tokens, temperature, topK, new Rng(seed), true);
        if (tok != null) {
            System.out.println(prompt + tok.decode(out));
        } else {
            StringBuilder sb = new StringBuilder(prompt.trim());
            for (int id : out) {
                sb.append(' ').append(id);
            }
            System.out.println(sb);
        }
        return 0;
    }
}
