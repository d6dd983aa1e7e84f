package io.jemini.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.engine.training.MetricsLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What tests read back from run directories: metrics that must repeat bit for bit, and the one run written. */
public final class RunFiles {
    private RunFiles() {
    }

    /** Each record of {@code run}'s metrics without its timing figures (rates ending in {@code _per_s}, {@code elapsed_s}). */
    public static List<String> metricsWithoutTiming(Path run) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : MetricsLog.read(run.resolve("metrics.jsonl"))) {
            ObjectNode copy = r.deepCopy();
            copy.remove("elapsed_s");
            List<String> rates = new ArrayList<>();
            copy.fieldNames().forEachRemaining(name -> {
                if (name.endsWith("_per_s")) {
                    rates.add(name);
                }
            });
            copy.remove(rates);
            out.add(copy.toString());
        }
        return out;
    }

    /** The first directory in {@code parent}. */
    public static Path onlyDirectory(Path parent) throws IOException {
        try (Stream<Path> s = Files.list(parent)) {
            return s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }
}
