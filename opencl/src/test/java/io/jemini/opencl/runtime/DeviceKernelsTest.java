package io.jemini.opencl.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.opencl.check.KernelCase;
import io.jemini.opencl.check.KernelCases;
import io.jemini.opencl.check.KernelCheck;
import io.jemini.opencl.translate.KernelCatalog;
import io.jemini.opencl.translate.PortableKernel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every portable kernel, translated by Aparapi and built by the device's OpenCL compiler, computes
 * what the Java kernel computes on the same inputs ({@link KernelCheck}), repeatably; and the
 * check itself notices a device that skips work.
 */
class DeviceKernelsTest {
    @Test
    void everyKernelBuildsAndMatchesTheJvm() {
        KernelCheck.Report report = KernelCheck.run(TestDevice.get());
        assertTrue(report.passed(), report.failures().size() + " failures:\n" + String.join("\n", report.failures()));
        assertEquals(KernelCatalog.all().size(), report.kernels());
    }

    @Test
    void everyKernelHasACase() {
        Set<String> catalogue = KernelCatalog.all().stream().map(PortableKernel::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> covered = KernelCases.all().stream().map(KernelCase::kernel).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(catalogue, covered);
    }

    @Test
    void theComparisonCatchesADeviceThatSkipsOneIndex() {
        OpenClContext device = TestDevice.get();
        List<String> mismatches = new ArrayList<>();
        for (String name : List.of("SoftmaxKernels.softmax", "MoeKernels.topK", "UnaryKernels.gelu")) {
            KernelCase c = KernelCases.all().stream().filter(k -> k.kernel().equals(name)).findFirst().orElseThrow();
            KernelCase short1 = new KernelCase(c.kernel(), c.n() - 1, c.reduction(), c.args());
            int before = mismatches.size();
            KernelCheck.compare(c, c.runOnJvm(), short1.runOnDevice(device), mismatches);
            assertTrue(mismatches.size() > before, name + ": a launch over one index fewer went unnoticed");
        }
    }

    @Test
    void theSameLaunchTwiceIsBitIdentical() {
        OpenClContext device = TestDevice.get();
        for (KernelCase c : KernelCases.all()) {
            Object[] first = c.runOnDevice(device);
            Object[] second = c.runOnDevice(device);
            for (int i = 0; i < first.length; i++) {
                if (first[i] instanceof float[] f) {
                    assertArrayEquals(f, (float[]) second[i], 0.0f, c + " argument " + i);
                } else if (first[i] instanceof int[] v) {
                    assertArrayEquals(v, (int[]) second[i], c + " argument " + i);
                }
            }
        }
    }

    @Test
    void aProgramThatDoesNotBuildIsOneErrorWithTheCompilersWords() {
        DeviceException e = assertThrows(DeviceException.class,
                () -> TestDevice.get().build("kernel Broken.k", "__kernel void k(__global float* x) { x[0] = y; }", false));
        assertTrue(e.getMessage().startsWith("kernel Broken.k does not build for OpenCL device "), e.getMessage());
        assertTrue(e.getMessage().contains("error"), e.getMessage());
    }

    @Test
    void anArgumentOfTheWrongKindIsRefusedBeforeLaunch() {
        DeviceKernel axpy = TestDevice.get().kernel(KernelCatalog.find("BinaryKernels.axpy").orElseThrow());
        try (DeviceBuffer x = TestDevice.get().allocate(PortableKernel.ArgKind.FLOAT_ARRAY, 4)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> axpy.launch(4, 1.0f, x, new float[4]));
            assertEquals("BinaryKernels.axpy argument 2 is a float[] and needs a device buffer of that kind, got float[]",
                    e.getMessage());
        }
    }
}
