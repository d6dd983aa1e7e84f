package io.jemini.eval.cli;

import io.jemini.engine.training.RunDirectory;
import io.jemini.eval.report.ReportWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Regenerates a run's report.md and plots from its files. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Rewrite RUN_DIR/report.md and its plots.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "the run directory")
    Path dir;

    @Override
    public Integer call() {
        RunDirectory run = RunDirectory.open(dir);
        ReportWriter.write(run);
        System.out.println("wrote " + run.report());
        return 0;
    }
}
