package io.jemini.eval.runs;

import io.jemini.engine.checkpoint.CheckpointStore;
import io.jemini.engine.training.Progress;
import io.jemini.engine.training.RunDirectory;
import io.jemini.engine.training.TrainingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Data-parallel training of one run by {@code train.workers} worker processes started together on
 * a cluster ({@code jemini worker RUN --rank R --workers N}); their logs go to
 * {@code <run>/workers/rank-R.log}. When a worker dies the whole gang stops, and it is started
 * again from the run's newest checkpoint, up to {@link #ATTEMPTS} times in all.
 */
public final class GangTraining implements Runs.RemoteTraining {
    /** How many times the gang is started before the run is given up (resumable later with {@code jemini resume}). */
    public static final int ATTEMPTS = 3;

    private final String cluster;
    private final int workers;
    private final PointRunner.Gang gang;
    private final Progress progress;

    /** @param gang the cluster opened for {@code workers} workers ({@link PointRunner#gang}) */
    public GangTraining(String cluster, int workers, PointRunner.Gang gang, Progress progress) {
        this.cluster = cluster;
        this.workers = workers;
        this.gang = gang;
        this.progress = progress;
    }

    @Override
    public void train(RunDirectory run) {
        Path logs = run.dir().resolve("workers");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + logs, e);
        }
        List<PointRunner.Job> jobs = new ArrayList<>();
        for (int r = 0; r < workers; r++) {
            jobs.add(new PointRunner.Job(List.of("worker", run.dir().toAbsolutePath().toString(), "--rank",
                    Integer.toString(r), "--workers", Integer.toString(workers)),
                    logs.resolve("rank-" + r + ".log").toAbsolutePath().toString()));
        }
        progress.line(workers + " data-parallel workers on " + cluster + "; their logs: " + logs);
        String failure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            failure = gang.run(jobs);
            if (failure == null) {
                return;
            }
            long step = newestStep(run);
            if (attempt < ATTEMPTS) {
                progress.line("the workers stopped (" + failure + "); starting them again from "
                        + (step == 0 ? "the beginning" : "the checkpoint of step " + step) + " (attempt " + (attempt + 1)
                        + " of " + ATTEMPTS + ")");
            }
        }
        throw new TrainingException("the workers failed " + ATTEMPTS + " times, last: " + failure + "; the checkpoint of step "
                + newestStep(run) + " is kept: continue with 'jemini resume " + run.dir() + " --cluster " + cluster + "'");
    }

    private static long newestStep(RunDirectory run) {
        return new CheckpointStore(run.checkpoints(), Integer.MAX_VALUE).latest().map(c -> c.step()).orElse(0L);
    }
}
