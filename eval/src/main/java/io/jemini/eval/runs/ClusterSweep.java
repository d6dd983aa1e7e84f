package io.jemini.eval.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.config.UsageException;
import io.jemini.engine.task.Task;
import io.jemini.engine.task.TaskConfig;
import io.jemini.engine.training.RunDirectory;
import io.jemini.eval.report.SweepSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A sweep whose points run on a cluster. Its directory and its points' directories have fixed
 * names ({@code <out>/<name>-sweep/<name>-<point>}), so running the same sweep again into the same
 * {@code --out} skips the finished points and continues the interrupted ones; {@code sweep.json}
 * records the points so a different sweep is never mixed in. The driver writes the summary
 * exactly as an in-process sweep does.
 */
public final class ClusterSweep {
    private ClusterSweep() {
    }

    /** What the sweep did: its directory and how many points failed. */
    public record Outcome(Path dir, int failed) {
    }

    public static <C extends Record & TaskConfig<C>> Outcome run(Task<C, ?> task, List<ConfigReader.Point<C>> points, Path out,
                                                                 String cluster, PointRunner runner) {
        Path sweepDir = out.resolve(points.get(0).config().name() + "-sweep");
        ObjectNode plan = plan(points);
        Path planFile = sweepDir.resolve("sweep.json");
        RunDirectory sweep = new RunDirectory(sweepDir);
        if (Files.isRegularFile(planFile)
                && !ConfigReader.toJson(ConfigReader.readTree(planFile)).equals(ConfigReader.toJson(plan))) {
            throw new UsageException(sweepDir + " holds a different sweep (see its sweep.json); give another --out or move it "
                    + "away");
        }
        List<RunDirectory> runs = new ArrayList<>();
        List<Map<String, String>> assignments = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            runs.add(new RunDirectory(sweepDir.resolve(plan.get("points").get(i).get("dir").asText())));
            assignments.add(points.get(i).assignments());
        }
        List<Path> pending = runs.stream().map(RunDirectory::dir).filter(d -> !SweepPoint.done(d)).toList();
        List<String> failures = runner.run(cluster, out, () -> {
            prepare(sweep, planFile, plan, points, runs);
            System.out.println("sweep " + sweepDir + ": " + (points.size() - pending.size()) + " of "
                    + points.size() + " points already done; running " + pending.size() + " on " + cluster);
            return pending.stream().map(d -> new PointRunner.Job(List.of("point", d.toAbsolutePath().toString()),
                    d.resolve("point.log").toAbsolutePath().toString())).toList();
        });
        int failed = 0;
        for (int i = 0; i < pending.size(); i++) {
            RunDirectory run = new RunDirectory(pending.get(i));
            if (failures.get(i) != null) {
                failed++;
                run.write(run.failure(), failures.get(i) + "\n");
                System.err.println("jemini run: sweep point " + pending.get(i).getFileName() + " failed: " + failures.get(i));
            } else {
                try {
                    Files.deleteIfExists(run.failure());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        sweep.write(sweepDir.resolve("summary.md"), SweepSummary.write(sweep, assignments, runs, task.summaryKeys()));
        return new Outcome(sweepDir, failed);
    }

    /** Creates the sweep's and its points' directories with sweep.json and each point.json, where missing. */
    private static <C extends Record & TaskConfig<C>> void prepare(RunDirectory sweep, Path planFile, ObjectNode plan,
                                                                   List<ConfigReader.Point<C>> points, List<RunDirectory> runs) {
        try {
            Files.createDirectories(sweep.dir());
            if (!Files.isRegularFile(planFile)) {
                sweep.write(planFile, ConfigReader.toJson(plan));
            }
            for (int i = 0; i < points.size(); i++) {
                RunDirectory run = runs.get(i);
                Files.createDirectories(run.dir());
                if (!Files.isRegularFile(run.dir().resolve(SweepPoint.POINT))) {
                    run.write(run.dir().resolve(SweepPoint.POINT), ConfigReader.toJson(ConfigReader.toTree(points.get(i).config())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + sweep.dir() + ": " + e.getMessage(), e);
        }
    }

    /** The points in order: each one's directory name, assignments and resolved config. */
    private static <C extends Record & TaskConfig<C>> ObjectNode plan(List<ConfigReader.Point<C>> points) {
        ObjectNode plan = JsonNodeFactory.instance.objectNode();
        ArrayNode list = plan.putArray("points");
        for (ConfigReader.Point<C> p : points) {
            ObjectNode point = list.addObject();
            point.put("dir", p.assignments().isEmpty() ? p.config().name() : p.config().name() + "-" + label(p.assignments()));
            ObjectNode assigned = point.putObject("assignments");
            p.assignments().forEach(assigned::put);
            JsonNode config = ConfigReader.toTree(p.config());
            point.set("config", config);
        }
        return plan;
    }

    /** A sweep point's name from its assignments: {@code lr=0.001_seed=2} (last key segment, file-name characters only). */
    public static String label(Map<String, String> assignments) {
        return String.join("_", assignments.entrySet().stream()
                .map(e -> e.getKey().replaceAll(".*\\.", "") + "=" + e.getValue().replace(", ", "_")).toList())
                .replaceAll("[^A-Za-z0-9._=-]", "");
    }
}
