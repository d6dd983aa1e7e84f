package io.jemini.opencl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * The device listing against the machine's OpenCL installation: CI installs PoCL, so there it
 * must find a CPU device; where no platform exists the test is skipped with the listing's reason.
 */
class OpenClDevicesTest {
    @Test
    void listsTheDevicesWithWhatChoosingOneNeeds() {
        OpenClDevices.Listing listing = OpenClDevices.list();
        assumeFalse(listing.isEmpty(), () -> "no OpenCL device here: " + listing.problem());
        assertNull(listing.problem());
        for (OpenClDevices.Device d : listing.devices()) {
            assertFalse(d.name().isBlank(), d.toString());
            assertFalse(d.platformName().isBlank(), d.toString());
            assertTrue(d.version().startsWith("OpenCL "), d.toString());
            assertTrue(d.computeUnits() >= 1 && d.globalMemoryBytes() > 0 && d.maxWorkGroupSize() >= 1, d.toString());
            assertTrue(d.type().matches("gpu|cpu|accelerator|other|[a-z+]+"), d.toString());
        }
    }

    @Test
    void ciHasTheCpuDeviceItInstalls() {
        assumeTrue(System.getenv("CI") != null, "only CI promises an OpenCL device (it installs pocl-opencl-icd)");
        OpenClDevices.Listing listing = OpenClDevices.list();
        assertTrue(listing.devices().stream().anyMatch(d -> d.type().contains("cpu") && d.available()),
                "CI installs pocl-opencl-icd, so a CPU device must be listed; got " + listing);
    }
}
