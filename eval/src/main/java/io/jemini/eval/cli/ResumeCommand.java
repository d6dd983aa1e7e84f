package io.jemini.eval.cli;

import io.jemini.engine.config.UsageException;
import io.jemini.engine.task.Task;
import io.jemini.engine.task.TaskConfig;
import io.jemini.engine.task.Tasks;
import io.jemini.engine.training.Objective;
import io.jemini.engine.training.Progress;
import io.jemini.engine.training.RunDirectory;
import io.jemini.engine.training.StopRequest;
import io.jemini.eval.runs.GangTraining;
import io.jemini.eval.runs.PointRunner;
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

    @Option(names = "--cluster", paramLabel = "URL", description = "where a run with train.workers > 1 trains: local[N], "
            + "spark://host:port, yarn, k8s://…")
    String cluster;

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
        Progress progress = TerminalProgress.forConsole(config.train().logEvery(), task.throughput(config).rateUnit());
        int workers = config.train().workers();
        if (workers > 1 && cluster == null) {
            throw new UsageException(run.dir() + " trains with train.workers = " + workers + " data-parallel workers: add "
                    + "--cluster local[" + workers + "] or a Spark master's URL (or set train.workers to 1 in its "
                    + "config.json to continue here alone, with the same results)");
        }
        if (workers == 1 && cluster != null) {
            throw new UsageException("--cluster resumes runs with train.workers > 1; " + run.dir() + " has 1 worker: "
                    + "resume it without --cluster");
        }
        if (workers == 1) {
            Runs.train(task, run, config, true, acceptChange, progress);
            return;
        }
        try (PointRunner.Gang gang = PointRunner.load().gang(cluster, run.dir().toAbsolutePath().getParent(), workers)) {
            Runs.train(task, run, config, true, acceptChange, progress, new GangTraining(cluster, workers, gang, progress));
        }
    }
}
