package io.jemini.eval.report;

import io.jemini.engine.training.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The figures {@code jemini eval} stored for one suite in a run's {@code eval/}: untagged first, then by tag. */
public final class StoredEvaluations {
    private StoredEvaluations() {
    }

    /** {@code eval/<suite>.json} if present, then {@code eval/<suite>-<tag>.json} by name. */
    public static List<Path> of(RunDirectory run, String suite) {
        Path evalDir = run.dir().resolve("eval");
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(evalDir)) {
            return found;
        }
        try (var files = Files.list(evalDir)) {
            files.filter(f -> {
                String name = f.getFileName().toString();
                return name.equals(suite + ".json") || (name.startsWith(suite + "-") && name.endsWith(".json"));
            }).sorted(Comparator.comparing(f -> f.getFileName().toString().equals(suite + ".json") ? ""
                    : f.getFileName().toString())).forEach(found::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + evalDir + ": " + e.getMessage(), e);
        }
        return found;
    }
}
