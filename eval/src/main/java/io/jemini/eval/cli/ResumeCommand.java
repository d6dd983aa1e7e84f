package io.jemini.eval.cli;

import io.jemini.engine.task.Task;
import io.jemini.engine.task.TaskConfig;
import io.jemini.engine.task.Tasks;
import io.jemini.engine.training.Objective;
import io.jemini.engine.training.RunDirectory;
import io.jemini.engine.training.StopRequest;
import io.jemini.eval.runs.Runs;
import java.nio.file.Path;
import java.util.List;
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
        resume(Tasks.of(run.config()), run);
        return 0;
    }

    private <C extends Record & TaskConfig<C>, M extends Objective> void resume(Task<C, M> task, RunDirectory run) {
        C config = Runs.config(task, run, List.of());
        threads.apply();
        Runs.train(task, run, config, true, acceptChange, TerminalProgress.forConsole(config.train().logEvery(),
                task.throughput(config).rateUnit()));
    }
}
