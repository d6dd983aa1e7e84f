package io.jemini.opencl.check;

import io.jemini.opencl.runtime.OpenClContext;
import io.jemini.opencl.translate.KernelCatalog;
import io.jemini.opencl.translate.PortableKernel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every portable kernel on a device against the same kernel on the JVM: each is translated and
 * built for the device, then run on {@link KernelCases}' inputs, and every array it leaves is
 * compared — integers exactly, floats within a tolerance scaled by the length of the sums (the
 * device may contract multiply-adds into FMA and its {@code exp}/{@code tanh} differ by ulps).
 * What {@code jemini devices --check} runs on a machine's device, and the device tests in CI.
 */
public final class KernelCheck {
    /** The float tolerance per element of the longest sum an output accumulates. */
    public static final double FLOAT_TOLERANCE = 2e-6;

    private KernelCheck() {
    }

    /** What a check found: the kernels built and compared, and every failure, one line each. */
    public record Report(int kernels, int cases, List<String> failures) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    public static Report run(OpenClContext device) {
        List<String> failures = new ArrayList<>();
        Set<String> built = new TreeSet<>();
        for (Class<?> c : KernelCatalog.CLASSES) {
            try {
                KernelCatalog.of(c).forEach(k -> {
                    device.kernel(k);
                    built.add(k.name());
                });
            } catch (RuntimeException e) {
                failures.add(e.getMessage());
            }
        }
        List<KernelCase> cases = KernelCases.all();
        Set<String> covered = new TreeSet<>();
        for (KernelCase c : cases) {
            covered.add(c.kernel());
            if (built.contains(c.kernel())) {
                compare(c, c.runOnJvm(), c.runOnDevice(device), failures);
            }
        }
        for (PortableKernel k : KernelCatalog.all()) {
            if (!covered.contains(k.name())) {
                failures.add(k.name() + " has no case in KernelCases, so it was not compared");
            }
        }
        return new Report(built.size(), cases.size(), failures);
    }

    /** Adds a line to {@code mismatches} for each array of {@code actual} that differs from {@code expected}. */
    public static void compare(KernelCase c, Object[] expected, Object[] actual, List<String> mismatches) {
        double tolerance = FLOAT_TOLERANCE * Math.max(1, c.reduction());
        for (int i = 0; i < expected.length; i++) {
            int at = firstDifference(expected[i], actual[i], tolerance);
            if (at >= 0) {
                mismatches.add(c + ": argument " + i + "[" + at + "] is " + java.lang.reflect.Array.get(actual[i], at)
                        + ", the JVM gives " + java.lang.reflect.Array.get(expected[i], at));
            }
        }
    }

    /** The first index where two arrays differ (ints exactly, floats within tolerance), or -1; scalars never differ. */
    private static int firstDifference(Object expected, Object actual, double tolerance) {
        if (expected instanceof int[] e) {
            int[] a = (int[]) actual;
            for (int j = 0; j < e.length; j++) {
                if (e[j] != a[j]) {
                    return j;
                }
            }
        } else if (expected instanceof float[] e) {
            float[] a = (float[]) actual;
            for (int j = 0; j < e.length; j++) {
                if (!close(e[j], a[j], tolerance)) {
                    return j;
                }
            }
        } else if (expected instanceof double[] e) {
            double[] a = (double[]) actual;
            for (int j = 0; j < e.length; j++) {
                if (!close(e[j], a[j], tolerance)) {
                    return j;
                }
            }
        }
        return -1;
    }

    private static boolean close(double expected, double actual, double tolerance) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            return Double.compare(expected, actual) == 0;
        }
        return Math.abs(expected - actual) <= tolerance * (1.0 + Math.abs(expected));
    }
}
