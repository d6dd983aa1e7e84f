package io.jemini.eval.runs;

import io.jemini.engine.config.UsageException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * Runs Jemini commands away from this process, on a cluster (the {@code cluster} module provides
 * Apache Spark): the points of a sweep ({@code jemini point DIR}, see {@link SweepPoint}) or the
 * cells of an evaluation grid ({@code jemini eval RUN --set … --tag …}), each in a JVM of its own,
 * reading and writing storage the cluster shares.
 */
public interface PointRunner {
    /** One command line for {@code jemini} and the file its output is appended to. */
    record Job(List<String> arguments, String log) implements Serializable {
    }

    /**
     * Checks the cluster — the master answers, every executor runs a recent enough JDK and can write
     * to {@code shared} — and throws before anything is written when it cannot serve; then asks
     * {@code prepare} for the jobs and runs them. Returns, per job in order, null when it succeeded
     * or the one-line reason it failed.
     */
    List<String> run(String cluster, Path shared, Supplier<List<Job>> prepare);

    /** A cluster ready to run data-parallel workers together; closing it releases the cluster. */
    interface Gang extends AutoCloseable {
        /**
         * Runs {@code jobs} at once as one gang (Spark's barrier execution mode), one per worker
         * rank: each worker is told the others' addresses ({@link io.jemini.engine.dataparallel.Frames}
         * on its standard streams) and they connect among themselves. Returns null when every job
         * succeeded, else the first failure's reason.
         */
        String run(List<Job> jobs);

        @Override
        void close();
    }

    /**
     * Opens the cluster for {@code workers} data-parallel workers after checking it as {@link #run}
     * does, and that it has a task slot for every worker: a usage error before anything is written
     * when it cannot serve them.
     */
    Gang gang(String cluster, Path shared, int workers);

    /** A description of the cluster: executors, their JDKs and cores, and whether the jars, {@code data} and {@code out} are reachable. */
    String check(String cluster, Path data, Path out);

    /** The runner on the class path; a usage error when Jemini was started without its cluster module. */
    static PointRunner load() {
        return ServiceLoader.load(PointRunner.class).findFirst().orElseThrow(() -> new UsageException("--cluster needs "
                + "Jemini's cluster module on the class path (scripts/jemini adds it when --cluster or cluster-check is "
                + "given; with spark-submit, pass Jemini's jars with --jars as the README shows)"));
    }
}
