package io.jemini.cluster;

import io.jemini.engine.config.UsageException;
import io.jemini.eval.runs.PointRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import scala.reflect.ClassTag$;

/**
 * Jemini jobs — sweep points, evaluation-grid cells — as Apache Spark tasks, one task per job.
 * Before any job starts the master is checked and every executor probed (JDK, the shared output
 * location); then each task runs its job in a JVM of its own ({@link PointProcess}). A job that
 * fails is reported, not retried by Spark, and the others go on; an executor lost mid-point has
 * its task rerun by Spark, and the point then resumes from its last checkpoint. Data-parallel
 * workers run as one barrier stage ({@link GangMember}): Spark starts them together and relays
 * their all-gathers.
 */
public final class SparkPointRunner implements PointRunner {
    @Override
    public List<String> run(String cluster, Path shared, Supplier<List<Job>> prepare) {
        SparkMaster.check(cluster);
        try (JavaSparkContext sc = SparkMaster.open(cluster)) {
            List<String> problems = probe(sc, shared, shared).stream().map(r -> r.problem(shared)).filter(Objects::nonNull)
                    .toList();
            if (!problems.isEmpty()) {
                throw new UsageException(String.join("; ", problems));
            }
            List<Job> jobs = prepare.get();
            if (jobs.isEmpty()) {
                return List.of();
            }
            List<String> outcomes = sc.parallelize(jobs, jobs.size()).map(PointProcess::run).collect();
            List<String> out = new ArrayList<>();
            outcomes.forEach(o -> out.add(o.isEmpty() ? null : o));
            return out;
        }
    }

    @Override
    public Gang gang(String cluster, Path shared, int workers) {
        SparkMaster.check(cluster);
        JavaSparkContext sc = SparkMaster.open(cluster);
        try {
            List<String> problems = new ArrayList<>(probe(sc, shared, shared).stream().map(r -> r.problem(shared))
                    .filter(Objects::nonNull).toList());
            int slots = sc.defaultParallelism() / Math.max(1, sc.getConf().getInt("spark.task.cpus", 1));
            if (slots < workers) {
                problems.add(workers + " data-parallel workers need " + workers + " task slots at once; " + cluster
                        + " has " + slots + (SparkMaster.local(cluster) ? " (use local[" + workers + "])" : ""));
            }
            if (!problems.isEmpty()) {
                throw new UsageException(String.join("; ", problems));
            }
        } catch (RuntimeException e) {
            sc.close();
            throw e;
        }
        return new Gang() {
            @Override
            public String run(List<Job> jobs) {
                try {
                    sc.parallelize(jobs, jobs.size()).rdd().barrier()
                            .mapPartitions(new GangMember(), false, ClassTag$.MODULE$.apply(String.class)).toJavaRDD()
                            .collect();
                    return null;
                } catch (Exception e) {
                    return reason(e);
                }
            }

            @Override
            public void close() {
                sc.close();
            }
        };
    }

    /** A worker's own failure line from the exception Spark raised, else the exception's first line. */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            int at = m.indexOf(GangMember.FAILED);
            if (at >= 0) {
                String rest = m.substring(at + GangMember.FAILED.length());
                int end = rest.indexOf('\n');
                return end < 0 ? rest : rest.substring(0, end);
            }
        }
        String m = String.valueOf(e.getMessage());
        int end = m.indexOf('\n');
        return end < 0 ? m : m.substring(0, end);
    }

    @Override
    public String check(String cluster, Path data, Path out) {
        SparkMaster.check(cluster);
        try (JavaSparkContext sc = SparkMaster.open(cluster)) {
            List<ExecutorReport> reports = probe(sc, data, out);
            StringBuilder s = new StringBuilder("Spark " + sc.version() + " at " + cluster + "; " + reports.size()
                    + " executor(s); Jemini's jars load on all of them (the probe is Jemini code)\n");
            reports.forEach(r -> s.append("  ").append(r.line()).append('\n'));
            s.append("data directory ").append(data.toAbsolutePath()).append(", output location ").append(out.toAbsolutePath());
            List<String> problems = reports.stream().map(r -> r.problem(out)).filter(Objects::nonNull).toList();
            s.append(problems.isEmpty() ? "\nready" : "\nNOT ready: " + String.join("; ", problems));
            return s.toString();
        }
    }

    /** The executors' reports; a usage error naming the cause when Jemini's classes cannot run there. */
    private static List<ExecutorReport> probe(JavaSparkContext sc, Path data, Path out) {
        try {
            return ExecutorReport.probe(sc, data, out);
        } catch (Exception e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof UnsupportedClassVersionError || cause instanceof ClassNotFoundException
                    || cause instanceof NoClassDefFoundError) {
                throw new UsageException("the executors cannot run Jemini's code (" + cause + "); they need JDK "
                        + ExecutorReport.REQUIRED_JDK + " or newer and Jemini's jars (spark-submit --jars)");
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException("the executor probe failed: " + e, e);
        }
    }
}
