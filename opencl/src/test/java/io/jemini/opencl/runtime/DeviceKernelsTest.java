package io.jemini.opencl.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * what the Java kernel computes on the same inputs: integers exactly, floats within a tolerance
 * scaled by the length of the sums (the device may contract multiply-adds into FMA and its
 * {@code exp}/{@code tanh} differ by ulps).
 */
class DeviceKernelsTest {
    private static final double FLOAT_TOLERANCE = 2e-6;

    @Test
    void everyKernelBuildsForTheDevice() {
        OpenClContext device = TestDevice.get();
        List<String> failures = new ArrayList<>();
        for (Class<?> c : KernelCatalog.CLASSES) {
            for (PortableKernel k : KernelCatalog.of(c)) {
                try {
                    device.kernel(k);
                } catch (RuntimeException e) {
                    failures.add(e.getMessage());
                    break;
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void everyKernelHasACase() {
        Set<String> catalogue = KernelCatalog.all().stream().map(PortableKernel::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> covered = KernelCases.all().stream().map(KernelCase::kernel).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(catalogue, covered);
    }

    @Test
    void everyKernelMatchesTheJvm() {
        OpenClContext device = TestDevice.get();
        List<String> mismatches = new ArrayList<>();
        for (KernelCase c : KernelCases.all()) {
            Object[] expected = c.runOnJvm();
            Object[] actual = c.runOnDevice(device);
            compare(c, expected, actual, mismatches);
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches:\n" + String.join("\n", mismatches));
    }

    @Test
    void theComparisonCatchesADeviceThatSkipsOneIndex() {
        OpenClContext device = TestDevice.get();
        List<String> mismatches = new ArrayList<>();
        for (String name : List.of("SoftmaxKernels.softmax", "MoeKernels.topK", "UnaryKernels.gelu")) {
            KernelCase c = KernelCases.all().stream().filter(k -> k.kernel().equals(name)).findFirst().orElseThrow();
            KernelCase short1 = new KernelCase(c.kernel(), c.n() - 1, c.reduction(), c.args());
            int before = mismatches.size();
            compare(c, c.runOnJvm(), short1.runOnDevice(device), mismatches);
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

    private static void compare(KernelCase c, Object[] expected, Object[] actual, List<String> mismatches) {
        double tolerance = FLOAT_TOLERANCE * Math.max(1, c.reduction());
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] instanceof int[] e) {
                int[] a = (int[]) actual[i];
                for (int j = 0; j < e.length; j++) {
                    if (e[j] != a[j]) {
                        mismatches.add(c + ": argument " + i + "[" + j + "] is " + a[j] + ", the JVM gives " + e[j]);
                        break;
                    }
                }
            } else if (expected[i] instanceof float[] e) {
                float[] a = (float[]) actual[i];
                for (int j = 0; j < e.length; j++) {
                    if (!close(e[j], a[j], tolerance)) {
                        mismatches.add(c + ": argument " + i + "[" + j + "] is " + a[j] + ", the JVM gives " + e[j]);
                        break;
                    }
                }
            } else if (expected[i] instanceof double[] e) {
                double[] a = (double[]) actual[i];
                for (int j = 0; j < e.length; j++) {
                    if (!close(e[j], a[j], tolerance)) {
                        mismatches.add(c + ": argument " + i + "[" + j + "] is " + a[j] + ", the JVM gives " + e[j]);
                        break;
                    }
                }
            }
        }
    }

    private static boolean close(double expected, double actual, double tolerance) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            return Double.compare(expected, actual) == 0;
        }
        return Math.abs(expected - actual) <= tolerance * (1.0 + Math.abs(expected));
    }
}
