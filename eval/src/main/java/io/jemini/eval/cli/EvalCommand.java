package io.jemini.eval.cli;

import io.jemini.engine.training.Evaluation;
import io.jemini.engine.training.LmRunConfig;
import io.jemini.engine.training.Trainer;
import io.jemini.eval.runs.RunKind;
import io.jemini.eval.runs.Runs;
import io.jemini.eval.runs.SparcRuns;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Evaluates a trained model on its held-out data. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate the newest checkpoint of RUN_DIR (or the given CHECKPOINT directory).")
final class EvalCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR|CHECKPOINT", description = "a run directory or one of its checkpoints")
    Path path;

    @Option(names = "--suite", defaultValue = "lm", description = "the evaluation: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Suite suite;

    @Mixin
    ThreadsOption threads;

    enum Suite { lm, sparc }

    @Override
    public Integer call() {
        threads.apply();
        Runs.Located located = Runs.locate(path);
        boolean sparcRun = Runs.kind(located) == RunKind.SPARC;
        if (sparcRun != (suite == Suite.sparc)) {
            throw new IllegalArgumentException("suite " + suite + " does not apply to " + path + "; use --suite "
                    + (sparcRun ? "sparc" : "lm"));
        }
        if (sparcRun) {
            SparcRuns.evaluate(located).fields().forEachRemaining(e -> System.out.printf(Locale.ROOT, "%-28s %s%n", e.getKey(),
                    e.getValue().isFloatingPointNumber() ? String.format(Locale.ROOT, "%.4f", e.getValue().asDouble())
                            : e.getValue().asText()));
            return 0;
        }
        Trainer.Setup setup = Runs.trained(located);
        LmRunConfig cfg = setup.config();
        for (String split : new String[] {"validation", "test"}) {
            Evaluation.Result r = Evaluation.evaluate(setup.model(), split.equals("test") ? setup.data().test()
                    : setup.data().validation(), cfg.train().batchSize(), cfg.model().seqLen(), cfg.eval().batches(),
                    setup.data().tokenizer());
            System.out.printf(Locale.ROOT, "%-10s loss %.4f nats/token  perplexity %.3f%s  (%d tokens)%n", split, r.loss(),
                    r.perplexity(), Double.isNaN(r.bitsPerByte()) ? "" : String.format(Locale.ROOT, "  %.4f bits/byte",
                            r.bitsPerByte()), r.tokens());
        }
        return 0;
    }
}
