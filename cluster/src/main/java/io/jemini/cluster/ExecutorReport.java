package io.jemini.cluster;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * What one executor is, seen from a task running on it: host and executor id, its JDK and cores,
 * whether the data directory is there and whether the shared output location takes a file.
 */
record ExecutorReport(String host, String executor, int jdk, String jdkVersion, int cores, boolean data, boolean writable,
                      String writeError) implements Serializable {
    /** The JDK Jemini's classes are built for. */
    static final int REQUIRED_JDK = 21;

    /** Reports from every executor (several probe tasks per core, one report kept per executor). */
    static List<ExecutorReport> probe(JavaSparkContext sc, Path data, Path out) {
        int tasks = Math.max(1, sc.defaultParallelism()) * 2;
        String dataDir = data.toAbsolutePath().toString();
        String outDir = out.toAbsolutePath().toString();
        List<ExecutorReport> all = sc.parallelize(IntStream.range(0, tasks).boxed().toList(), tasks)
                .map(i -> here(dataDir, outDir)).collect();
        Map<String, ExecutorReport> byExecutor = new LinkedHashMap<>();
        all.forEach(r -> byExecutor.putIfAbsent(r.host() + "/" + r.executor(), r));
        return new ArrayList<>(byExecutor.values());
    }

    private static ExecutorReport here(String data, String out) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        String error = null;
        try {
            Files.createDirectories(Path.of(out));
            Path probe = Files.createTempFile(Path.of(out), ".jemini-probe-", ".tmp");
            Files.delete(probe);
        } catch (IOException | RuntimeException e) {
            error = e.toString();
        }
        return new ExecutorReport(host, SparkEnv.get().executorId(), Runtime.version().feature(),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), Files.isDirectory(Path.of(data)),
                error == null, error);
    }

    /** Why this executor cannot run points, or null. */
    String problem(Path out) {
        if (jdk < REQUIRED_JDK) {
            return "executor " + executor + " on " + host + " runs JDK " + jdkVersion + "; Jemini needs " + REQUIRED_JDK
                    + " or newer";
        }
        if (!writable) {
            return "executor " + executor + " on " + host + " cannot write to " + out + " (" + writeError + "); --out must be "
                    + "storage every executor shares and can write";
        }
        return null;
    }

    String line() {
        return String.format(Locale.ROOT, "%-24s %-10s JDK %-10s %3d cores  data %-3s  output %s", host, executor, jdkVersion,
                cores, data ? "yes" : "no", writable ? "writable" : "NOT writable (" + writeError + ")");
    }
}
