package io.jemini.eval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Finding and pruning the run directories the command line writes, for tests. */
final class RunDirs {
    private RunDirs() {
    }

    /** A run of {@link RunCommandTest#SMALL} trained in {@code dir}/runs. */
    static Path trainedSmall(Path dir) throws IOException {
        Path config = dir.resolve("small.json");
        Files.writeString(config, RunCommandTest.SMALL);
        CliRunner r = CliRunner.run("run", config.toString(), "--out", dir.resolve("runs").toString());
        assertEquals(0, r.exit(), r.err());
        return only(dir.resolve("runs"));
    }

    /** The one entry of {@code parent} (a run, or a sweep directory). */
    static Path only(Path parent) throws IOException {
        try (Stream<Path> s = Files.list(parent)) {
            List<Path> entries = s.toList();
            assertEquals(1, entries.size(), "entries of " + parent);
            return entries.get(0);
        }
    }

    /** The one entry of {@code parent} whose name contains {@code part}. */
    static Path only(Path parent, String part) throws IOException {
        try (Stream<Path> s = Files.list(parent)) {
            List<Path> entries = s.filter(p -> p.getFileName().toString().contains(part)).toList();
            assertEquals(1, entries.size(), "entries of " + parent + " named *" + part + "*");
            return entries.get(0);
        }
    }

    static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
