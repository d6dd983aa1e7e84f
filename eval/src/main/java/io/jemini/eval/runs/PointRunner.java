package io.jemini.eval.runs;

import io.jemini.engine.config.UsageException;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * Runs sweep points away from this process, on a cluster (the {@code cluster} module provides
 * Apache Spark). Each point is a run directory on storage the cluster shares, holding
 * {@code point.json} (its resolved config); a point trains there from the start, resumes from its
 * last checkpoint, or is left alone when it already has results ({@link SweepPoint}).
 */
public interface PointRunner {
    /**
     * Checks the cluster — the master answers, every executor runs a recent enough JDK and can write
     * to {@code shared} — and throws before anything is written when it cannot serve; then asks
     * {@code prepare} for the points' directories and runs them. Returns, per point in order, null
     * when it finished or the one-line reason it failed.
     */
    List<String> run(String cluster, Path shared, Supplier<List<Path>> prepare);

    /** A description of the cluster: executors, their JDKs and cores, and whether the jars, {@code data} and {@code out} are reachable. */
    String check(String cluster, Path data, Path out);

    /** The runner on the class path; a usage error when Jemini was started without its cluster module. */
    static PointRunner load() {
        return ServiceLoader.load(PointRunner.class).findFirst().orElseThrow(() -> new UsageException("--cluster needs "
                + "Jemini's cluster module on the class path (scripts/jemini adds it when --cluster or cluster-check is "
                + "given; with spark-submit, pass Jemini's jars with --jars as the README shows)"));
    }
}
