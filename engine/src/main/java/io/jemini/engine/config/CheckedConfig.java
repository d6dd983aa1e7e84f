package io.jemini.engine.config;

/** A config record that can check its own ranges and cross-field rules. */
public interface CheckedConfig {
    /** Adds every problem to {@code checks}; paths are JSON paths from the config root. */
    void check(Checks checks);
}
