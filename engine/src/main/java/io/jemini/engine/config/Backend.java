package io.jemini.engine.config;

/** Where a run computes ({@code runtime.backend}): the JVM's threads or an OpenCL device. */
public enum Backend implements ConfigChoice {
    JVM, OPENCL
}
