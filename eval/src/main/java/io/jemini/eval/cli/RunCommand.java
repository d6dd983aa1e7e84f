package io.jemini.eval.cli;

import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.config.RuntimeSection;
import io.jemini.engine.config.UsageException;
import io.jemini.engine.device.DeviceScope;
import io.jemini.engine.task.Task;
import io.jemini.engine.task.TaskConfig;
import io.jemini.engine.task.Tasks;
import io.jemini.engine.training.Objective;
import io.jemini.engine.training.Progress;
import io.jemini.engine.training.RunDirectory;
import io.jemini.engine.training.RunStopped;
import io.jemini.engine.training.StopRequest;
import io.jemini.eval.report.SweepSummary;
import io.jemini.eval.runs.ClusterSweep;
import io.jemini.eval.runs.GangTraining;
import io.jemini.eval.runs.PointRunner;
import io.jemini.eval.runs.Runs;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Trains, evaluates and reports on the model a config describes, in a new run directory. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Train a model from a JSON config, evaluate it and write a report, in a new run directory "
                + "<out>/<name>-<UTC time>/ (config.json, metrics.jsonl, checkpoints/, results.json, report.md).",
                "A sweep (the config's \"sweep\" section or --sweep) runs every combination in <out>/<name>-sweep-<UTC time>/ "
                        + "with a shared summary.md; with --cluster, as Spark tasks in <out>/<name>-sweep/."})
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONFIG", description = "the experiment config (JSON)")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a config value, e.g. train.lr=0.001 (repeatable)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--sweep", paramLabel = "KEY=V1,V2", description = "run once per value (repeatable: cross product)")
    List<String> sweeps = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs", description = "where run directories go (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--backend", paramLabel = "jvm|opencl", description = "where to compute (sets runtime.backend)")
    String backend;

    @Option(names = "--device", paramLabel = "DEVICE", description = "the OpenCL device: auto, gpu, cpu, a number or part of a "
            + "name from 'jemini devices' (sets runtime.device)")
    String device;

    @Option(names = "--cluster", paramLabel = "URL", description = "run the points as Apache Spark tasks: local[N], "
            + "spark://host:port, yarn, k8s://…; --out must be storage every executor shares. Running the same command "
            + "again skips finished points and resumes interrupted ones. A run with train.workers > 1 trains on that "
            + "many data-parallel workers there")
    String cluster;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() {
        if (out.toString().matches("[A-Za-z][A-Za-z0-9+.-]+:/.*")) {
            throw new UsageException("--out " + out + ": object-store URIs are not supported; give a directory on a "
                    + "filesystem every executor mounts (NFS, or the bucket mounted with s3fs or gcsfuse)");
        }
        if (backend != null) {
            sets.add("runtime.backend=" + backend);
        }
        if (device != null) {
            sets.add("runtime.device=" + device);
        }
        return launch(Tasks.of(config));
    }

    private <C extends Record & TaskConfig<C>, M extends Objective> Integer launch(Task<C, M> task) {
        List<ConfigReader.Point<C>> points = ConfigReader.load(config, task.configType(), task.defaults(), sets, sweeps);
        for (ConfigReader.Point<C> p : points) {
            task.memory(p.config()).requireFits(config + (p.assignments().isEmpty() ? "" : " (sweep point "
                    + p.assignments() + ")"), Runtime.getRuntime().maxMemory());
        }
        Map<RuntimeSection, Double> devices = new LinkedHashMap<>();
        for (ConfigReader.Point<C> p : points) {
            devices.merge(p.config().runtime(), task.memory(p.config()).bytes(), Math::max);
        }
        devices.forEach(DeviceScope::check);
        int workers = points.stream().mapToInt(p -> p.config().train().workers()).max().orElse(1);
        if (workers > 1) {
            return trainTogether(task, points, workers);
        }
        if (cluster != null) {
            ClusterSweep.Outcome outcome = ClusterSweep.run(task, points, out, cluster, PointRunner.load());
            System.out.println("sweep directory: " + outcome.dir() + " (summary.md)");
            if (outcome.failed() > 0) {
                System.err.println("jemini run: " + outcome.failed() + " of " + points.size() + " sweep points failed (marked "
                        + "in summary.md; run the same command again to retry them)");
                return JeminiCli.FAILURE;
            }
            return 0;
        }
        threads.apply();
        StopRequest.install();
        ZonedDateTime now = ZonedDateTime.now();
        if (points.size() == 1 && points.get(0).assignments().isEmpty()) {
            RunDirectory run = RunDirectory.create(out, points.get(0).config().name(), now);
            train(task, run, points.get(0).config());
            System.out.println("run directory: " + run.dir());
            return 0;
        }
        RunDirectory sweepDir = RunDirectory.create(out, points.get(0).config().name() + "-sweep", now);
        List<RunDirectory> runs = new ArrayList<>();
        List<Map<String, String>> assignments = new ArrayList<>();
        int failed = 0;
        for (ConfigReader.Point<C> p : points) {
            String label = ClusterSweep.label(p.assignments());
            RunDirectory run = RunDirectory.create(sweepDir.dir(), p.config().name() + "-" + label, now);
            runs.add(run);
            assignments.add(p.assignments());
            System.out.println("sweep point " + runs.size() + "/" + points.size() + ": " + p.assignments());
            try {
                train(task, run, p.config());
            } catch (RunStopped e) {
                throw e;
            } catch (RuntimeException e) {
                failed++;
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                run.write(run.failure(), message + "\n");
                System.err.println("jemini run: sweep point " + runs.size() + " failed: " + message + "; going on with the rest");
            }
            sweepDir.write(sweepDir.dir().resolve("summary.md"), SweepSummary.write(sweepDir, assignments, runs, task.summaryKeys()));
        }
        System.out.println("sweep directory: " + sweepDir.dir() + " (summary.md)");
        if (failed > 0) {
            System.err.println("jemini run: " + failed + " of " + points.size() + " sweep points failed (marked in summary.md)");
            return JeminiCli.FAILURE;
        }
        return 0;
    }

    /** One run trained by {@code workers} data-parallel workers on the cluster. */
    private <C extends Record & TaskConfig<C>, M extends Objective> Integer trainTogether(Task<C, M> task,
                                                                                           List<ConfigReader.Point<C>> points,
                                                                                           int workers) {
        if (cluster == null) {
            throw new UsageException("train.workers = " + workers + " trains with " + workers + " data-parallel workers, "
                    + "which run on a cluster: add --cluster local[" + workers + "] (this machine) or a Spark master's URL; "
                    + "to accumulate gradients on this machine alone, set train.micro_batches and leave train.workers at 1");
        }
        if (points.size() > 1) {
            throw new UsageException("a sweep cannot use train.workers > 1 (here " + workers + "): run its points one at a "
                    + "time, or sweep with train.workers = 1 and --cluster to run the points side by side");
        }
        C config = points.get(0).config();
        try (PointRunner.Gang gang = PointRunner.load().gang(cluster, out, workers)) {
            RunDirectory run = RunDirectory.create(out, config.name(), ZonedDateTime.now());
            Progress progress = TerminalProgress.forConsole(config.train().logEvery(), task.throughput(config).rateUnit());
            Runs.train(task, run, config, false, false, progress, new GangTraining(cluster, workers, gang, progress));
            System.out.println("run directory: " + run.dir());
        }
        return 0;
    }

    private static <C extends Record & TaskConfig<C>, M extends Objective> void train(Task<C, M> task, RunDirectory run,
                                                                                       C config) {
        Runs.train(task, run, config, false, false, TerminalProgress.forConsole(config.train().logEvery(),
                task.throughput(config).rateUnit()));
    }
}
