package io.jemini.engine.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.training.RunDirectory;
import java.util.List;

/**
 * A part of a run's {@code report.md} that only one task has (long-context suites, routing
 * statistics, alignment maps), written from the run's files so a report can be rebuilt at any time.
 */
@FunctionalInterface
public interface ReportSection {
    /**
     * The section's markdown, or an empty string when the run has nothing for it.
     *
     * @param metrics the records of {@code metrics.jsonl}
     * @param results {@code results.json}, or null when the run has not finished
     */
    String markdown(RunDirectory run, List<JsonNode> metrics, JsonNode results);
}
