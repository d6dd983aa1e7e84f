package io.jemini.eval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            for (OpenClDevices.Device d : listing.devices()) {
                assertTrue(r.out().contains(d.platform() + ":" + d.index()) && r.out().contains(d.name()), r.out());
            }
        }
    }
}
