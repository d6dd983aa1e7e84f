package io.jemini.opencl.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.kernels.MatmulKernels;
import io.jemini.opencl.translate.PortableKernel.ArgKind;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The tiled device SGEMM against the portable reference kernel on the JVM: all four transpose
 * variants, offsets and padded leading dimensions, accumulation, and shapes that are not
 * multiples of the 64×64 tile or the depth-16 panel.
 */
class TiledGemmTest {
    @Test
    void matchesTheReferenceKernelOnEveryVariant() {
        OpenClContext device = TestDevice.get();
        SplittableRandom rng = new SplittableRandom(7);
        int[][] shapes = {{1, 1, 1}, {5, 3, 17}, {64, 64, 16}, {65, 70, 33}, {130, 67, 129}, {7, 200, 5}};
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            for (int variant = 0; variant < 8; variant++) {
                boolean transA = (variant & 1) != 0;
                boolean transB = (variant & 2) != 0;
                boolean accumulate = (variant & 4) != 0;
                int lda = (transA ? m : k) + 3;
                int ldb = (transB ? k : n) + 2;
                int ldc = n + 1;
                int aOff = 5;
                int bOff = 2;
                int cOff = 3;
                float[] a = random(rng, aOff + (transA ? k : m) * lda);
                float[] b = random(rng, bOff + (transB ? n : k) * ldb);
                float[] c = random(rng, cOff + m * ldc);
                float[] expected = c.clone();
                MatmulKernels.gemm(a, aOff, lda, transA ? 1 : 0, b, bOff, ldb, transB ? 1 : 0, expected, cOff, ldc, n, k,
                        accumulate ? 1 : 0, 0, m);
                float[] actual = c.clone();
                try (DeviceBuffer da = device.allocate(ArgKind.FLOAT_ARRAY, a.length);
                     DeviceBuffer db = device.allocate(ArgKind.FLOAT_ARRAY, b.length);
                     DeviceBuffer dc = device.allocate(ArgKind.FLOAT_ARRAY, c.length)) {
                    da.write(a);
                    db.write(b);
                    dc.write(actual);
                    device.tiledGemm().gemm(da, aOff, lda, transA, db, bOff, ldb, transB, dc, cOff, ldc, m, n, k, accumulate);
                    dc.read(actual);
                }
                for (int i = 0; i < actual.length; i++) {
                    float tolerance = 2e-6f * k * (1 + Math.abs(expected[i]));
                    String where = m + "x" + n + "x" + k + " transA=" + transA + " transB=" + transB + " accumulate=" + accumulate
                            + " at " + i + ": " + actual[i] + " vs " + expected[i];
                    assertTrue(Math.abs(actual[i] - expected[i]) <= tolerance, where);
                }
            }
        }
    }

    private static float[] random(SplittableRandom rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return x;
    }
}
