package io.jemini.eval.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of {@code jemini ARGS} in a JVM of its own, with this test JVM's JDK and class path. */
final class ChildJvm {
    private ChildJvm() {
    }

    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-modules=jdk.incubator.vector");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path") + File.pathSeparator);
        cmd.add(JeminiCli.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }
}
