package io.jemini.opencl.runtime;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.jemini.opencl.OpenClDevices;

/**
 * The device the tests run on: the first CPU device (PoCL in CI), else the first device. Without
 * an OpenCL platform the tests are skipped with the reason, except in CI, which installs PoCL
 * and so must have one.
 */
public final class TestDevice {
    private static OpenClContext context;

    private TestDevice() {
    }

    public static synchronized OpenClContext get() {
        if (context == null) {
            OpenClDevices.Listing listing = OpenClDevices.list();
            if (System.getenv("CI") == null) {
                assumeFalse(listing.isEmpty(), () -> "no OpenCL device here: " + listing.problem());
            }
            boolean hasCpu = listing.devices().stream().anyMatch(d -> d.type().contains("cpu"));
            context = OpenClContext.open(hasCpu ? "cpu" : "0");
        }
        return context;
    }
}
