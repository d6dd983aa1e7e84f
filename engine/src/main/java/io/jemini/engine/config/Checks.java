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
