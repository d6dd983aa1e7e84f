package io.jemini.cluster;

import io.jemini.eval.runs.PointRunner;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs one Jemini job on an executor in a JVM of its own, with this executor's JDK and Jemini's
 * jars ({@code jemini point POINT_DIR}, {@code jemini eval …}). A JVM per job keeps jobs apart
 * (heap, threads, signal handling) exactly as separate commands are; its output is appended to the
 * job's log file.
 */
final class PointProcess {
    private static final List<String> JVM_OPTIONS = List.of("--add-modules=jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED", "-XX:+UseParallelGC", "-Djava.awt.headless=true");

    private PointProcess() {
    }

    /** Runs {@code job}: "" when it succeeded, else the reason it failed (a line of its log). */
    static String run(PointRunner.Job job) {
        Path log = Path.of(job.log());
        try {
            Process p = new ProcessBuilder(command(job.arguments())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            int exit = p.waitFor();
            return exit == 0 ? "" : failure(log, exit);
        } catch (IOException e) {
            return "could not start a JVM for " + String.join(" ", job.arguments()) + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * Starts {@code jemini ARGUMENTS} with its standard input and output left as pipes to this
     * process (a data-parallel worker's message channel) and its standard error appended to {@code log}.
     */
    static Process startWithPipes(List<String> arguments, Path log) throws IOException {
        return new ProcessBuilder(command(arguments)).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private static List<String> command(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JVM_OPTIONS);
        command.add("-Xmx" + heap());
        command.add("-cp");
        command.add(classPath());
        command.add("io.jemini.eval.cli.JeminiCli");
        command.addAll(arguments);
        return command;
    }

    /** JEMINI_HEAP on the executor, else the heap this JVM was given, else 4g. */
    private static String heap() {
        String env = System.getenv("JEMINI_HEAP");
        if (env != null && !env.isBlank()) {
            return env;
        }
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-Xmx")) {
                return arg.substring(4);
            }
        }
        return "4g";
    }

    /** This JVM's class path and the jars Spark added to the task's class loader (spark-submit --jars). */
    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>(List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)));
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader instanceof URLClassLoader urls) {
            for (URL url : urls.getURLs()) {
                if (url.getProtocol().equals("file")) {
                    entries.add(url.getPath());
                }
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** The point's own error line ("jemini …: …") from its log, or the exit code. */
    static String failure(Path log, int exit) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith("jemini")) {
                    return lines.get(i);
                }
            }
        } catch (IOException e) {
            return "exit " + exit + " (its log " + log + " cannot be read: " + e.getMessage() + ")";
        }
        return "exit " + exit + " (see " + log + ")";
    }
}
