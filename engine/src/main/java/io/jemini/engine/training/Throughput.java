package io.jemini.engine.training;

/**
 * What a task counts as its throughput: {@code items} per step (tokens of a language model,
 * pairs of an alignment model), reported as {@code <item>_per_s} and {@code <item>_seen} and shown
 * as {@code <unit>/s}.
 */
public record Throughput(String item, String unit, long perStep) {
    public String rateKey() {
        return item + "_per_s";
    }

    public String seenKey() {
        return item + "_seen";
    }

    public String rateUnit() {
        return unit + "/s";
    }
}
