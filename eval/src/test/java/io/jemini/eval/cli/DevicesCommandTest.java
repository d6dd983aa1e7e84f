package io.jemini.eval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.jemini.opencl.OpenClDevices;
import org.junit.jupiter.api.Test;

/** {@code jemini devices} prints every device the listing finds, or the listing's reason for none. */
class DevicesCommandTest {
    @Test
    void printsTheDevicesOrWhyThereAreNone() {
        CliRunner r = CliRunner.run("devices");
        assertEquals(0, r.exit(), r.err());
        OpenClDevices.Listing listing = OpenClDevices.list();
        if (listing.isEmpty()) {
            assertTrue(r.out().contains("no OpenCL device: " + listing.problem()), r.out());
        } else {
            for (int i = 0; i < listing.devices().size(); i++) {
                assertTrue(r.out().contains("\n" + i + " ") && r.out().contains(listing.devices().get(i).name()), r.out());
            }
        }
    }

    @Test
    void checkBuildsAndComparesEveryKernelOnTheDevice() {
        assumeFalse(OpenClDevices.list().isEmpty() && System.getenv("CI") == null, "no OpenCL device here");
        CliRunner r = CliRunner.run("devices", "--check", "--device", "cpu");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().matches("(?s)checking .*\\n\\d+ kernels built, \\d+ cases compared with the JVM: all match\\n"),
                r.out());
    }
}
