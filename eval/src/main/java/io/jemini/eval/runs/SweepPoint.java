package io.jemini.eval.runs;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.checkpoint.CheckpointStore;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.task.Task;
import io.jemini.engine.task.TaskConfig;
import io.jemini.engine.task.Tasks;
import io.jemini.engine.training.Objective;
import io.jemini.engine.training.Progress;
import io.jemini.engine.training.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One point of a sweep run on a cluster: a run directory with a fixed name holding
 * {@code point.json}, the point's resolved config as the driver wrote it. Running the point trains
 * it from the start, or resumes it from its newest complete checkpoint, or does nothing when
 * {@code results.json} exists — so rerunning a sweep finishes what was interrupted and repeats
 * nothing.
 */
public final class SweepPoint {
    /** The file holding a point's resolved config (its environment is recorded in config.json when it runs). */
    public static final String POINT = "point.json";

    private SweepPoint() {
    }

    /** Whether the point has finished (its results are written). */
    public static boolean done(Path dir) {
        return Files.isRegularFile(dir.resolve("results.json"));
    }

    /** How a point reports progress, given its config's log interval and throughput unit. */
    @FunctionalInterface
    public interface ProgressFactory {
        Progress create(int logEvery, String rateUnit);
    }

    /** Trains, resumes or skips the point in {@code dir}; returns what it did. */
    public static String run(Path dir, ProgressFactory progress) {
        if (done(dir)) {
            return "done already";
        }
        RunDirectory run = new RunDirectory(dir);
        return run(Tasks.of(dir.resolve(POINT)), run, ConfigReader.readTree(dir.resolve(POINT)), progress);
    }

    private static <C extends Record & TaskConfig<C>, M extends Objective> String run(Task<C, M> task, RunDirectory run,
                                                                                     JsonNode point, ProgressFactory progress) {
        C config = ConfigReader.load(run.dir().resolve(POINT).toString(), ConfigReader.toJson(point), task.configType(),
                task.defaults(), List.of(), List.of()).get(0).config();
        boolean resume = Files.isRegularFile(run.config())
                && new CheckpointStore(run.checkpoints(), Integer.MAX_VALUE).latest().isPresent();
        Runs.train(task, run, config, resume, false, progress.create(config.train().logEvery(),
                task.throughput(config).rateUnit()));
        return resume ? "resumed" : "trained";
    }
}
