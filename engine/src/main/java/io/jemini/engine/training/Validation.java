package io.jemini.engine.training;

import java.util.Map;

/**
 * A held-out evaluation during training: the figures written to {@code metrics.jsonl} (a null value
 * is one the data does not allow, e.g. bits per byte of non-text tokens) and the line for the log.
 */
public record Validation(Map<String, Object> metrics, String summary) {
}
