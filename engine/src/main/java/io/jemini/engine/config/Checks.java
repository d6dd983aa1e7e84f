package io.jemini.engine.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every range problem of a config so they are all reported at once. */
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

    public Checks oneOf(String path, String value, String... allowed) {
        return require(value != null && List.of(allowed).contains(value), path, value,
                "allowed: " + String.join(", ", allowed));
    }

    /** Throws a {@link ConfigException} listing every problem found, if any. */
    public void throwIfAny(String source) {
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
    }
}
