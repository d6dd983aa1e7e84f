package io.jemini.eval.cli;

import io.jemini.engine.config.UsageException;
import io.jemini.engine.training.RunDirectory;
import io.jemini.eval.report.ReportWriter;
import io.jemini.eval.runs.ClusterSweep;
import io.jemini.eval.runs.PointRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An evaluation grid ({@code jemini eval RUN --grid KEY=V1,V2 …}): one tagged evaluation per
 * combination of values, in this process or as Spark tasks, each stored as
 * {@code eval/SUITE-TAG.json} exactly as a single {@code --set … --tag …} evaluation is.
 */
final class EvalGrid {
    /** One combination: its overrides (the command's --set first) and its tag. */
    record Cell(List<String> sets, String tag) {
    }

    private EvalGrid() {
    }

    /** Every combination of the {@code grid} entries' values, in order, the last key varying fastest. */
    static List<Cell> cells(List<String> grid, List<String> sets, String tag) {
        List<Map<String, String>> combos = new ArrayList<>(List.of(new LinkedHashMap<>()));
        for (String entry : grid) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new UsageException("--grid " + entry + " is not KEY=V1,V2");
            }
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> combo : combos) {
                for (String value : entry.substring(eq + 1).split(",")) {
                    Map<String, String> more = new LinkedHashMap<>(combo);
                    more.put(entry.substring(0, eq), value.strip());
                    next.add(more);
                }
            }
            combos = next;
        }
        List<Cell> out = new ArrayList<>();
        for (Map<String, String> combo : combos) {
            List<String> cellSets = new ArrayList<>(sets);
            combo.forEach((k, v) -> cellSets.add(k + "=" + v));
            String label = ClusterSweep.label(combo).replace('=', '-');
            out.add(new Cell(cellSets, tag == null ? label : tag + "-" + label));
        }
        return out;
    }

    /** The cells as Spark tasks ({@code jemini eval} in a JVM each), then the report rewritten once with them all. */
    static int onCluster(String cluster, RunDirectory run, Path given, String suite, List<Cell> cells) {
        Path evalDir = run.dir().resolve("eval").toAbsolutePath();
        List<String> failures = PointRunner.load().run(cluster, run.dir().toAbsolutePath(), () -> {
            try {
                Files.createDirectories(evalDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + evalDir + ": " + e.getMessage(), e);
            }
            List<PointRunner.Job> jobs = new ArrayList<>();
            for (Cell cell : cells) {
                List<String> args = new ArrayList<>(List.of("eval", given.toAbsolutePath().toString(), "--suite", suite));
                cell.sets().forEach(s -> args.addAll(List.of("--set", s)));
                args.addAll(List.of("--tag", cell.tag()));
                jobs.add(new PointRunner.Job(args, evalDir.resolve(suite + "-" + cell.tag() + ".log").toString()));
            }
            System.out.println("evaluating " + jobs.size() + " cells of " + suite + " on " + cluster);
            return jobs;
        });
        ReportWriter.write(run);
        int failed = 0;
        for (int i = 0; i < cells.size(); i++) {
            String file = "eval/" + suite + "-" + cells.get(i).tag() + ".json";
            if (failures.get(i) == null) {
                System.out.println(file + ": " + String.join(" ", cells.get(i).sets()));
            } else {
                failed++;
                System.err.println("jemini eval: " + file + " failed: " + failures.get(i));
            }
        }
        System.out.println("report: " + run.report());
        return failed == 0 ? 0 : JeminiCli.FAILURE;
    }
}
