package io.jemini.eval.runs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.engine.checkpoint.Checkpoint;
import io.jemini.engine.checkpoint.CheckpointStore;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.dataparallel.Collective;
import io.jemini.engine.device.DeviceScope;
import io.jemini.engine.io.ParameterIO;
import io.jemini.engine.task.Task;
import io.jemini.engine.task.TaskConfig;
import io.jemini.engine.training.Objective;
import io.jemini.engine.training.PeakHeap;
import io.jemini.engine.training.Progress;
import io.jemini.engine.training.ResumeCheck;
import io.jemini.engine.training.RunDirectory;
import io.jemini.engine.training.RunEnvironment;
import io.jemini.engine.training.RunLock;
import io.jemini.engine.training.Throughput;
import io.jemini.engine.training.TrainLoop;
import io.jemini.eval.report.ReportWriter;
import io.jemini.kernels.backend.JvmBackend;
import io.jemini.opencl.runtime.Transfers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Starts, resumes and reloads runs of any task: resolved config in, results and report out. */
public final class Runs {
    private Runs() {
    }

    /**
     * Writes the resolved config (with the environment) into {@code run}, trains, and writes results
     * and the report, holding the run's lock throughout. A resume first checks its config against
     * the one its newest checkpoint was trained with ({@code acceptChange}: go on under a changed one).
     */
    public static <C extends Record & TaskConfig<C>, M extends Objective> void train(Task<C, M> task, RunDirectory run,
                                                                                      C config, boolean resume,
                                                                                      boolean acceptChange, Progress progress) {
        train(task, run, config, resume, acceptChange, progress, null);
    }

    /** How a run is trained away from this process: by data-parallel workers on a cluster. */
    @FunctionalInterface
    public interface RemoteTraining {
        /** Trains {@code run} to its last step (resuming from its newest checkpoint if it has one) or throws. */
        void train(RunDirectory run);
    }

    /**
     * As {@link #train(Task, RunDirectory, Record, boolean, boolean, Progress)}, but with the steps
     * taken by {@code remote} (null: here): this process prepares what the workers read (the
     * config, a text tokenizer), holds the lock, and afterwards evaluates the newest checkpoint and
     * writes results and the report exactly as a run trained here does.
     */
    public static <C extends Record & TaskConfig<C>, M extends Objective> void train(Task<C, M> task, RunDirectory run,
                                                                                      C config, boolean resume,
                                                                                      boolean acceptChange, Progress progress,
                                                                                      RemoteTraining remote) {
        try (RunLock lock = RunLock.acquire(run)) {
            C resolved = config;
            if (resume) {
                ResumeCheck.check(run, new CheckpointStore(run.checkpoints(), Integer.MAX_VALUE), ConfigReader.toTree(config),
                        ConfigReader.toTree(task.defaults()), acceptChange);
            } else {
                resolved = config.withEnvironment(environment());
                run.write(run.config(), ConfigReader.toJson(ConfigReader.toTree(resolved)));
            }
            trainLocked(task, run, resolved, resume, progress, remote);
        }
    }

    private static <C extends Record & TaskConfig<C>, M extends Objective> void trainLocked(Task<C, M> task, RunDirectory run,
                                                                                             C config, boolean resume,
                                                                                             Progress progress,
                                                                                             RemoteTraining remote) {
        try (DeviceScope backend = DeviceScope.open(config.runtime(), task.memory(config).bytes())) {
            M model = task.build(config, run);
            progress.line(String.format(Locale.ROOT, "%s; %,d parameters; heap limit %d MiB; backend %s", model.description(),
                    model.parameterCount(), Runtime.getRuntime().maxMemory() / (1 << 20), backend.describe()));
            Throughput throughput = task.throughput(config);
            TrainLoop.Outcome outcome;
            if (remote == null) {
                outcome = new TrainLoop(run, config.train(), ConfigReader.toTree(config), model, throughput, progress)
                        .run(resume);
            } else {
                remote.train(run);
                outcome = trainedElsewhere(run, model);
            }
            ObjectNode results = results(task, config, model, outcome);
            recordBackend(results, backend);
            run.write(run.results(), ConfigReader.toJson(results));
            task.afterTraining(run, model);
            ReportWriter.write(run);
            progress.line(task.summary(results) + "; report: " + run.report());
        }
    }

    /** The outcome of a run whose workers trained it: its newest checkpoint, loaded into {@code model} and validated. */
    private static TrainLoop.Outcome trainedElsewhere(RunDirectory run, Objective model) {
        Checkpoint last = new CheckpointStore(run.checkpoints(), Integer.MAX_VALUE).latest().orElseThrow(() ->
                new IllegalStateException("the workers finished without writing a checkpoint in " + run.dir()));
        ParameterIO.loadModel(model.parameters(), model.buffers(), last.model());
        return new TrainLoop.Outcome(last.state().path("elapsed_seconds").asDouble(),
                last.state().path("skipped_steps").asLong(), model.validate());
    }

    /**
     * One data-parallel worker of {@code run} ({@code jemini worker}): builds the run's model from
     * its config, resumes from the newest checkpoint if there is one, and trains with
     * {@code workers}; rank 0 writes the metrics and checkpoints, the driver the rest.
     */
    public static <C extends Record & TaskConfig<C>, M extends Objective> void trainAsWorker(Task<C, M> task,
                                                                                              RunDirectory run,
                                                                                              Collective workers,
                                                                                              SweepPoint.ProgressFactory
                                                                                                      progresses) {
        C config = config(task, run, List.of());
        Progress progress = progresses.create(config.train().logEvery(), task.throughput(config).rateUnit());
        boolean resume = new CheckpointStore(run.checkpoints(), Integer.MAX_VALUE).latest().isPresent();
        try (DeviceScope backend = DeviceScope.open(config.runtime(), task.memory(config).bytes())) {
            M model = task.build(config, run);
            progress.line(String.format(Locale.ROOT, "worker %d of %d: %s; %s; backend %s", workers.rank(), workers.size(),
                    resume ? "resuming" : "starting", model.description(), backend.describe()));
            new TrainLoop(run, config.train(), ConfigReader.toTree(config), model, task.throughput(config), progress, workers)
                    .run(resume);
        }
    }

    /** What every run's {@code results.json} starts with, then the task's final evaluation. */
    private static <C extends Record & TaskConfig<C>, M extends Objective> ObjectNode results(Task<C, M> task, C config,
                                                                                                M model,
                                                                                                TrainLoop.Outcome outcome) {
        Throughput throughput = task.throughput(config);
        int steps = config.train().steps();
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("name", config.name());
        r.put("seed", config.seed());
        r.put("data", model.description());
        r.put("parameters", model.parameterCount());
        r.put("steps", steps);
        r.put(throughput.seenKey(), steps * throughput.perStep());
        r.put("train_seconds", outcome.trainSeconds());
        r.put(throughput.rateKey(), steps * (double) throughput.perStep() / outcome.trainSeconds());
        r.put("skipped_steps", outcome.skippedSteps());
        r.put("peak_heap_mb", PeakHeap.megabytes());
        r.setAll(task.results(model, outcome.lastValidation()));
        return r;
    }

    /** Which backend trained the run and, on a device, how many bytes crossed each way over the whole run. */
    static void recordBackend(ObjectNode results, DeviceScope backend) {
        results.put("backend", backend.describe());
        Transfers.Snapshot moved = backend.transfers();
        results.put("host_to_device_bytes", moved.uploadBytes());
        results.put("device_to_host_bytes", moved.downloadBytes());
    }

    /** The config stored in a run directory, with {@code sets} overrides (e.g. inference-time RoPE scaling or suite sizes). */
    public static <C extends Record & TaskConfig<C>> C config(Task<C, ?> task, RunDirectory run, List<String> sets) {
        if (sets.isEmpty()) {
            return ConfigReader.parseResolved(run.config().toString(), ConfigReader.readTree(run.config()), task.configType(),
                    task.defaults());
        }
        return ConfigReader.load(run.config(), task.configType(), task.defaults(), sets, List.of()).get(0).config();
    }

    /** The model of a located checkpoint, built from its run's config with {@code sets} overrides. */
    public static <C extends Record & TaskConfig<C>, M extends Objective> M trained(Task<C, M> task, Located located,
                                                                                     List<String> sets) {
        RunDirectory run = located.run();
        M model = task.build(config(task, run, sets), run);
        ParameterIO.loadModel(model.parameters(), model.buffers(), located.checkpoint().model());
        return model;
    }

    /** Where and how a run starting now is made: git commit, JDK, thread count, UTC time. */
    public static RunEnvironment environment() {
        return new RunEnvironment(gitCommit(), Runtime.version().toString(), JvmBackend.current().threads(),
                ZonedDateTime.now(ZoneOffset.UTC).toString());
    }

    /** A run directory and one of its verified checkpoints. */
    public record Located(RunDirectory run, Checkpoint checkpoint) {
    }

    /**
     * {@code path} is a run directory (its newest checkpoint), a checkpoint directory inside one, or a
     * file of such a checkpoint (its {@code model.safetensors}).
     */
    public static Located locate(Path given) {
        Path path = Files.isRegularFile(given) && given.toAbsolutePath().getParent() != null
                && Files.isRegularFile(given.toAbsolutePath().getParent().resolve(CheckpointStore.STATE))
                ? given.toAbsolutePath().getParent() : given;
        boolean isCheckpoint = Files.isRegularFile(path.resolve(CheckpointStore.STATE));
        RunDirectory run = RunDirectory.open(isCheckpoint ? path.toAbsolutePath().getParent().getParent() : path);
        Checkpoint ckpt = isCheckpoint ? CheckpointStore.load(path)
                : new CheckpointStore(run.checkpoints(), Integer.MAX_VALUE).latest().orElseThrow(() ->
                        new IllegalArgumentException(run.dir() + " has no complete checkpoint to evaluate"));
        return new Located(run, ckpt);
    }

    /** The commit of the working directory's git checkout, or "unknown". */
    public static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(Path.of("").toAbsolutePath().toFile())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("[0-9a-f]{40}")) {
                return out;
            }
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }
}
