package io.jemini.eval.cli;

import io.jemini.engine.training.StopRequest;
import io.jemini.eval.runs.SweepPoint;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Runs one sweep point where a cluster task put it: trains it, resumes it, or leaves it when it is done. */
@Command(name = "point", hidden = true, mixinStandardHelpOptions = true,
        description = "Run the sweep point in POINT_DIR (its point.json): train, resume from its last checkpoint, or "
                + "nothing when results.json exists. The cluster runner starts this on executors.")
final class PointCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "POINT_DIR", description = "the point's run directory")
    Path dir;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() {
        threads.apply();
        StopRequest.install();
        String did = SweepPoint.run(dir, TerminalProgress::forConsole);
        System.out.println("point " + dir + ": " + did);
        return 0;
    }
}
