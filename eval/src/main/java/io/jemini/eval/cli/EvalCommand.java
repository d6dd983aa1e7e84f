package io.jemini.eval.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.training.Evaluation;
import io.jemini.engine.training.LmRunConfig;
import io.jemini.engine.training.Trainer;
import io.jemini.eval.longcontext.LongContextSuites;
import io.jemini.eval.report.ReportWriter;
import io.jemini.eval.runs.RunKind;
import io.jemini.eval.runs.Runs;
import io.jemini.eval.runs.SparcRuns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    @Option(names = "--suite", defaultValue = "lm", description = "the evaluation: lm, sparc, niah, multi-needle or "
            + "nll-position (default: ${DEFAULT-VALUE})")
    String suite;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a key of the run's config for this "
            + "evaluation, e.g. long_context.max_length=4096 or model.rope_scaling=yarn (repeatable)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "NAME", description = "long-context suites: store this evaluation as "
            + "eval/SUITE-NAME.json and plots/SUITE-NAME.png, beside the untagged one; required with --set")
    String tag;

    @Mixin
    ThreadsOption threads;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<String> allowed = new ArrayList<>(List.of("lm", "sparc"));
        allowed.addAll(LongContextSuites.SUITES);
        if (!allowed.contains(suite)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "unknown suite '" + suite + "'; allowed: "
                    + String.join(", ", allowed));
        }
        threads.apply();
        Runs.Located located = Runs.locate(path);
        boolean sparcRun = Runs.kind(located) == RunKind.SPARC;
        if (sparcRun != suite.equals("sparc")) {
            throw new IllegalArgumentException("suite " + suite + " does not apply to " + path + "; use --suite "
                    + (sparcRun ? "sparc" : "lm, " + String.join(", ", LongContextSuites.SUITES)));
        }
        if (sparcRun && (!sets.isEmpty() || tag != null)) {
            throw new IllegalArgumentException("--set and --tag apply to language-model runs only");
        }
        if (tag != null && !tag.matches(LongContextSuites.TAG_PATTERN)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--tag '" + tag + "' is not allowed: "
                    + "use letters, digits, '_', '.' and '-', starting with a letter or digit");
        }
        if (LongContextSuites.SUITES.contains(suite) && !sets.isEmpty() && tag == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--set changes the evaluation, so it needs "
                    + "--tag NAME: the results go to eval/" + suite + "-NAME.json and eval/" + suite + ".json is kept");
        }
        if (sparcRun) {
            SparcRuns.evaluate(located).fields().forEachRemaining(e -> System.out.printf(Locale.ROOT, "%-28s %s%n", e.getKey(),
                    e.getValue().isFloatingPointNumber() ? String.format(Locale.ROOT, "%.4f", e.getValue().asDouble())
                            : e.getValue().asText()));
            return 0;
        }
        Trainer.Setup setup = Runs.trained(located, sets);
        if (LongContextSuites.SUITES.contains(suite)) {
            JsonNode r = LongContextSuites.run(suite, setup, located.run(), tag, sets);
            System.out.println(LongContextSuites.summary(r));
            ReportWriter.write(located.run());
            System.out.println("results: " + LongContextSuites.results(located.run(), suite, tag) + "; report: "
                    + located.run().report());
            return 0;
        }
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
