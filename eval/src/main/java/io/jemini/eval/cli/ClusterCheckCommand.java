package io.jemini.eval.cli;

import io.jemini.engine.io.DataRoot;
import io.jemini.eval.runs.PointRunner;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Describes a Spark cluster as Jemini would use it. */
@Command(name = "cluster-check", mixinStandardHelpOptions = true,
        description = "Print a Spark cluster's executors, their JDKs and cores, and whether Jemini's jars, the data "
                + "directory and the output location are reachable from each.")
final class ClusterCheckCommand implements Callable<Integer> {
    @Option(names = "--cluster", required = true, paramLabel = "URL", description = "local[N], spark://host:port, yarn, k8s://…")
    String cluster;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs", description = "the shared output location to test "
            + "(default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--data", paramLabel = "DIR", description = "the data directory to look for (default: JEMINI_DATA or data/)")
    String data;

    @Override
    public Integer call() {
        System.out.println(PointRunner.load().check(cluster, DataRoot.of(data), out));
        return 0;
    }
}
