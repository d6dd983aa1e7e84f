package io.jemini.engine.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a config so that they are all reported at once. */
public final class Checks {
    private final List<String> problems = new ArrayList<>();

    public Checks require(boolean ok, String path, Object value, String allowed) {
        if (!ok) {
            problems.add(path + " = " + value + " is not allowed; " + allowed);
        }
        return this;
    }

    public Checks atLeast(String path, long value, long min) {
        return require(value >= min, path, value, "must be >= " + min);
    }

    public Checks positive(String path, double value) {
        return require(value > 0 && Double.isFinite(value), path, value, "must be a positive number");
    }

    public Checks fraction(String path, double value) {
        return require(value >= 0 && value < 1, path, value, "must be in [0, 1)");
    }

    public Checks oneOf(String path, String value, String... allowed) {
        return require(value != null && List.of(allowed).contains(value), path, value,
                "allowed: " + String.join(", ", allowed));
    }

    /** A run name: it becomes part of a directory name. */
    public Checks runName(String path, String name) {
        return require(name != null && name.matches("[A-Za-z0-9._-]+"), path, name, "use letters, digits, '.', '_' or '-'");
    }

    /**
     * An AdamW run with linear warm-up and cosine decay: positive peak rate, warm-up within the
     * steps, final rate between 0 and the peak, non-negative decay, β₂ in [0, 1), positive clip.
     */
    public Checks optimizer(String prefix, int steps, double lr, int warmup, double minLr, double weightDecay, double beta2,
                            double gradClip) {
        positive(prefix + "lr", lr);
        require(warmup >= 0 && warmup <= steps, prefix + "warmup_steps", warmup, "must be between 0 and " + prefix + "steps ("
                + steps + "); with fewer steps lower it too, e.g. --set " + prefix + "warmup_steps=" + Math.max(0, steps / 10));
        require(minLr >= 0 && minLr <= lr, prefix + "min_lr", minLr, "must be between 0 and " + prefix + "lr");
        require(weightDecay >= 0, prefix + "weight_decay", weightDecay, "must be >= 0");
        require(beta2 >= 0 && beta2 < 1, prefix + "beta2", beta2, "must be in [0, 1)");
        return positive(prefix + "grad_clip", gradClip);
    }

    public void add(String problem) {
        problems.add(problem);
    }

    public List<String> problems() {
        return problems;
    }

    /** Throws a {@link ConfigException} listing every problem found, if any. */
    public void throwIfAny(String source) {
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
    }
}
