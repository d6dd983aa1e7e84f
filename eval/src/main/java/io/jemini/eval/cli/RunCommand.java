package io.jemini.eval.cli;

import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.training.LmRunConfig;
import io.jemini.engine.training.RunDirectory;
import io.jemini.eval.report.ReportWriter;
import io.jemini.eval.runs.Runs;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
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
                        + "with a shared summary.md."})
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONFIG", description = "the experiment config (JSON)")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a config value, e.g. train.lr=0.001 (repeatable)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--sweep", paramLabel = "KEY=V1,V2", description = "run once per value (repeatable: cross product)")
    List<String> sweeps = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs", description = "where run directories go (default: ${DEFAULT-VALUE})")
    Path out;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() {
        List<ConfigReader.Point<LmRunConfig>> points = ConfigReader.load(config, LmRunConfig.class, LmRunConfig.defaults(),
                sets, sweeps);
        threads.apply();
        ZonedDateTime now = ZonedDateTime.now();
        if (points.size() == 1 && points.get(0).assignments().isEmpty()) {
            RunDirectory run = RunDirectory.create(out, points.get(0).config().name(), now);
            Runs.train(run, points.get(0).config(), false, TerminalProgress.forConsole(points.get(0).config().train().logEvery()));
            System.out.println("run directory: " + run.dir());
            return 0;
        }
        RunDirectory sweepDir = RunDirectory.create(out, points.get(0).config().name() + "-sweep", now);
        List<RunDirectory> runs = new ArrayList<>();
        List<Map<String, String>> assignments = new ArrayList<>();
        for (ConfigReader.Point<LmRunConfig> p : points) {
            String label = String.join("_", p.assignments().entrySet().stream()
                    .map(e -> e.getKey().replaceAll(".*\\.", "") + "=" + e.getValue()).toList()).replaceAll("[^A-Za-z0-9._=-]", "");
            RunDirectory run = RunDirectory.create(sweepDir.dir(), p.config().name() + "-" + label, now);
            runs.add(run);
            assignments.add(p.assignments());
            System.out.println("sweep point " + runs.size() + "/" + points.size() + ": " + p.assignments());
            Runs.train(run, p.config(), false, TerminalProgress.forConsole(p.config().train().logEvery()));
            sweepDir.write(sweepDir.dir().resolve("summary.md"), ReportWriter.sweepSummary(sweepDir, assignments, runs));
        }
        System.out.println("sweep directory: " + sweepDir.dir() + " (summary.md)");
        return 0;
    }
}
