package io.jemini.engine.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.config.Backend;
import io.jemini.engine.config.RuntimeSection;
import io.jemini.engine.launch.BinaryLaunch;
import io.jemini.engine.launch.Host;
import io.jemini.engine.launch.MoeLaunch;
import io.jemini.engine.tensor.Tensor;
import io.jemini.opencl.runtime.DeviceException;
import io.jemini.opencl.runtime.Transfers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Where values live on a device run: what crosses, when, and that host code always sees current values. */
class ResidencyTest {
    private static DeviceRuntime device;

    @BeforeAll
    static void install() {
        device = TestDevices.shared();
        DeviceRuntime.install(device);
    }

    @AfterAll
    static void uninstall() {
        DeviceRuntime.install(null);
    }

    @Test
    void valuesWrittenOnTheDeviceReachTheHostOnlyWhenAskedFor() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 4);
        Tensor y = Tensor.zeros(4);
        Transfers.Snapshot before = device.transfers().snapshot();
        BinaryLaunch.affine(4, 1, x.buffer(), 2.0f, 1.0f, y.buffer());
        BinaryLaunch.axpy(4, 1, 1.0f, y.buffer(), x.buffer());
        Transfers.Snapshot launched = device.transfers().snapshot().minus(before);
        assertEquals(1, launched.uploads(), "x is copied once; y, all zeros, is filled on the device");
        assertEquals(0, launched.downloads());
        assertArrayEquals(new float[] {3, 5, 7, 9}, y.read());
        assertArrayEquals(new float[] {4, 7, 10, 13}, x.read());
        x.read();
        assertEquals(2, device.transfers().snapshot().minus(before).downloads(), "a current host copy is not fetched again");
    }

    @Test
    void hostWritesReachTheNextLaunch() {
        Tensor x = Tensor.of(new float[] {1, 1}, 2);
        Tensor y = Tensor.zeros(2);
        BinaryLaunch.affine(2, 1, x.buffer(), 1.0f, 0.0f, y.buffer());
        x.data()[0] = 5;
        x.markModified();
        BinaryLaunch.affine(2, 1, x.buffer(), 1.0f, 0.0f, y.buffer());
        assertArrayEquals(new float[] {5, 1}, y.read());
        float[] raw = {0, 0, 0};
        BinaryLaunch.affine(3, 1, raw, 1.0f, 2.0f, raw);
        Host.write(raw)[1] = 10;
        BinaryLaunch.affine(3, 1, raw, 1.0f, 0.5f, raw);
        assertArrayEquals(new float[] {2.5f, 10.5f, 2.5f}, Host.read(raw));
    }

    @Test
    void aSmallIntArrayAKernelWroteIsReadFromTheDevice() {
        float[] scores = {0.1f, 0.9f, 0.7f, 0.5f, 0.2f, 0.3f};
        int[] index = new int[3];
        MoeLaunch.topK(3, 1, scores, 2, 1, index);
        int[] counts = new int[2];
        MoeLaunch.histogram(2, 1, index, 3, counts);
        assertArrayEquals(new int[] {1, 0, 1}, Host.read(index));
        assertArrayEquals(new int[] {1, 2}, Host.read(counts));
    }

    @Test
    void aDeviceTooSmallForTheRunIsRefusedNamingItsMemory() {
        DeviceException e = assertThrows(DeviceException.class,
                () -> DeviceScope.open(new RuntimeSection(Backend.OPENCL, "cpu"), 1e15).close());
        assertTrue(e.getMessage().matches("OpenCL device .* has \\d+ MiB of memory; this run needs about \\d+ MiB for its "
                + "parameters, optimizer state and activations: lower model or train.batch_size, or choose another "
                + "runtime.device"), e.getMessage());
    }
}
