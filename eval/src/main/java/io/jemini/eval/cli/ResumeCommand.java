package io.jemini.eval.cli;

import io.jemini.engine.training.LmRunConfig;
import io.jemini.engine.training.RunDirectory;
import io.jemini.engine.training.StopRequest;
import io.jemini.contrastive.training.SparcRunConfig;
import io.jemini.eval.runs.RunKind;
import io.jemini.eval.runs.Runs;
import io.jemini.eval.runs.SparcRuns;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Continues a stopped run from its last complete checkpoint. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue a run from its last complete checkpoint; the losses from there on are bit-identical "
                + "to an uninterrupted run.")
final class ResumeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "the run directory")
    Path dir;

    @Option(names = "--accept-config-change", description = "continue although config.json differs from the config "
            + "the checkpoint was trained with (the change is recorded in resumes.jsonl)")
    boolean acceptChange;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() {
        RunDirectory run = RunDirectory.open(dir);
        StopRequest.install();
        if (RunKind.of(run.config()) == RunKind.SPARC) {
            SparcRunConfig config = SparcRuns.config(run);
            threads.apply();
            SparcRuns.train(run, config, true, acceptChange, TerminalProgress.forConsole(config.train().logEvery(), "pairs/s"));
            return 0;
        }
        LmRunConfig config = Runs.config(run);
        threads.apply();
        Runs.train(run, config, true, acceptChange, TerminalProgress.forConsole(config.train().logEvery(), "tok/s"));
        return 0;
    }
}
