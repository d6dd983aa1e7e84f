package io.jemini.engine.device;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.jemini.opencl.OpenClDevices;

/**
 * Opens the device the engine's device tests run on: a CPU device (PoCL in CI) when there is
 * one. Without an OpenCL platform the tests are skipped with the reason, except in CI, which
 * installs PoCL and so must have one.
 */
public final class TestDevices {
    private TestDevices() {
    }

    private static DeviceRuntime shared;

    /**
     * One device opened for the whole test JVM and released when it exits, for tests that install
     * it around their device runs (the kernels are built once, not in every test class).
     */
    public static synchronized DeviceRuntime shared() {
        if (shared == null) {
            shared = open();
            DeviceRuntime device = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(device::close));
        }
        return shared;
    }

    /** A device of the test's own, which the test closes. */
    public static DeviceRuntime open() {
        OpenClDevices.Listing listing = OpenClDevices.list();
        if (System.getenv("CI") == null) {
            assumeFalse(listing.isEmpty(), () -> "no OpenCL device here: " + listing.problem());
        }
        boolean hasCpu = listing.devices().stream().anyMatch(d -> d.type().contains("cpu"));
        return DeviceRuntime.open(hasCpu ? "cpu" : "0");
    }
}
