package io.jemini.engine.training;

/** Where and how a run was made, written by the runner into its config.json (not an input). */
public record RunEnvironment(String gitCommit, String jdk, int threads, String startedUtc) {
}
