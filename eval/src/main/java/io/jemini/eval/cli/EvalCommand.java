package io.jemini.eval.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.task.EvalSuite;
import io.jemini.engine.task.Task;
import io.jemini.engine.task.TaskConfig;
import io.jemini.engine.task.Tasks;
import io.jemini.engine.training.Objective;
import io.jemini.engine.training.RunDirectory;
import io.jemini.eval.report.Figures;
import io.jemini.eval.report.ReportWriter;
import io.jemini.eval.runs.Runs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Evaluates a trained model on its held-out data. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate the newest checkpoint of RUN_DIR (or the given checkpoint directory, or a file in one) "
                + "with one of its task's suites.", "The figures are written at full precision to RUN_DIR/eval/SUITE.json "
                + "(SUITE-TAG.json with --tag) and the report is rewritten; a summary is printed."})
final class EvalCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR|CHECKPOINT", description = "a run directory, one of its checkpoint "
            + "directories, or a file in one (e.g. checkpoints/step-00000300/model.safetensors)")
    Path path;

    @Option(names = "--suite", description = "the evaluation; a language model has lm (the default), niah, "
            + "multi-needle, nll-position, ruler and translation, an alignment model sparc, a multimodal model qa, "
            + "needle-frames and needle-text")
    String suite;

    /** What a tag may look like: it becomes part of file names. */
    static final String TAG_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.-]*";

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a key of the run's config for this "
            + "evaluation, e.g. long_context.max_length=4096 or model.rope_scaling=yarn (repeatable)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "NAME", description = "store this evaluation as eval/SUITE-NAME.json (and "
            + "plots/SUITE-NAME.png), beside the untagged eval/SUITE.json; required with --set")
    String tag;

    @Option(names = "--grid", paramLabel = "KEY=V1,V2", description = "evaluate once per value, as --set KEY=V with the "
            + "tag [TAG-]KEY-V (repeatable: every combination), e.g. model.rope_scaling=none,pi,ntk,yarn")
    List<String> grid = new ArrayList<>();

    @Option(names = "--cluster", paramLabel = "URL", description = "evaluate the --grid's cells as Apache Spark tasks "
            + "(local[N], spark://host:port, yarn, …); the run directory must be on storage the executors share")
    String cluster;

    @Mixin
    ThreadsOption threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (tag != null && !tag.matches(TAG_PATTERN)) {
            throw new ParameterException(spec.commandLine(), "--tag '" + tag + "' is not allowed: use letters, digits, '_', "
                    + "'.' and '-', starting with a letter or digit");
        }
        Runs.Located located = Runs.locate(path);
        Task<?, ?> task = Tasks.of(located.run().config());
        if (grid.isEmpty()) {
            if (cluster != null) {
                throw new ParameterException(spec.commandLine(), "--cluster evaluates a grid; give --grid KEY=V1,V2");
            }
            return evaluate(task, located, sets, tag);
        }
        List<EvalGrid.Cell> cells = EvalGrid.cells(grid, sets, tag);
        for (EvalGrid.Cell cell : cells) {
            if (!cell.tag().matches(TAG_PATTERN)) {
                throw new ParameterException(spec.commandLine(), "--grid value gives the tag '" + cell.tag() + "', which is not "
                        + "allowed: use letters, digits, '_', '.' and '-'");
            }
        }
        if (cluster != null) {
            return EvalGrid.onCluster(cluster, located.run(), path, suite == null ? task.suites().get(0).key() : suite, cells);
        }
        for (EvalGrid.Cell cell : cells) {
            evaluate(task, located, cell.sets(), cell.tag());
        }
        return 0;
    }

    private <C extends Record & TaskConfig<C>, M extends Objective> Integer evaluate(Task<C, M> task, Runs.Located located,
                                                                                  List<String> sets, String tag) {
        List<EvalSuite<M>> suites = task.suites();
        String name = suite == null ? suites.get(0).key() : suite;
        EvalSuite<M> chosen = suites.stream().filter(s -> s.key().equals(name)).findFirst().orElseThrow(() ->
                new ParameterException(spec.commandLine(), "suite '" + name + "' does not apply to " + path + " (task "
                        + task.name() + "); allowed: " + String.join(", ", suites.stream().map(EvalSuite::key).toList())));
        if (!sets.isEmpty() && tag == null) {
            throw new ParameterException(spec.commandLine(), "--set changes the evaluation, so it needs --tag NAME: the "
                    + "figures go to eval/" + name + "-NAME.json and eval/" + name + ".json is kept");
        }
        threads.apply();
        RunDirectory run = located.run();
        M model = Runs.trained(task, located, sets);
        ObjectNode stored = JsonNodeFactory.instance.objectNode();
        stored.put("suite", name);
        stored.put("checkpoint", run.dir().toAbsolutePath().relativize(located.checkpoint().dir().toAbsolutePath())
                .toString());
        stored.put("step", located.checkpoint().step());
        if (tag != null) {
            stored.put("tag", tag);
        }
        sets.forEach(stored.putArray("overrides")::add);
        stored.setAll(chosen.evaluate(model, sets));
        String stem = tag == null ? name : name + "-" + tag;
        Path file = run.dir().resolve("eval").resolve(stem + ".json");
        run.write(file, ConfigReader.toJson(stored));
        if (Figures.available()) {
            chosen.draw(run, stored, stem);
        }
        ReportWriter.write(run);
        System.out.println(chosen.summary(stored));
        System.out.println("results: " + file + "; report: " + run.report());
        return 0;
    }
}
