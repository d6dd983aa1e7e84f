package io.jemini.kernels.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jemini.kernels.FlashAttentionKernels;
import io.jemini.kernels.backend.JvmBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Vector API paths give the same bits whatever the machine's vector width: this JVM's results
 * against those of a child JVM held to 8-float vectors ({@code -XX:MaxVectorSize=32}, AVX2's
 * width). On an AVX-512 machine this compares 16-float and 8-float vectors; on AVX2 both are 8.
 */
class VectorWidthBitsTest {
    @Test
    void sameBitsWithEightFloatVectors() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = List.of(java, "--add-modules=jdk.incubator.vector", "-XX:MaxVectorSize=32", "-cp",
                System.getProperty("java.class.path"), VectorWidthBitsTest.class.getName());
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String childBits = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, child.waitFor(), "the child JVM failed: " + String.join(" ", command));
        assertEquals(childBits, bits(), "results with this JVM's " + MicroKernel.LANES
                + "-float vectors differ from those with 8-float vectors");
    }

    /** Runs {@link #bits} on the JVM it is started in (the child of the test). */
    public static void main(String[] args) {
        System.out.println(bits());
    }

    /** Hashes of the bits of a matmul in every transpose and of blockwise attention, forward and backward. */
    static String bits() {
        Random r = new Random(11);
        StringBuilder s = new StringBuilder();
        JvmBackend backend = new JvmBackend(2);
        try {
            for (int v = 0; v < 4; v++) {
                int m = 70;
                int n = 90;
                int k = 1100;
                float[] a = gaussian(r, m * k);
                float[] b = gaussian(r, k * n);
                float[] c = new float[m * n];
                boolean transA = (v & 1) != 0;
                boolean transB = (v & 2) != 0;
                VectorMatmul.gemm(backend, a, 0, transA ? m : k, transA, b, 0, transB ? k : n, transB, c, 0, n, m, n, k,
                        false);
                s.append(hash(c)).append(' ');
            }
        } finally {
            backend.close();
        }
        int batch = 2;
        int hq = 4;
        int hkv = 2;
        int tq = 37;
        int tk = 90;
        int capacity = 96;
        int d = 32;
        float[] q = gaussian(r, batch * hq * tq * d);
        float[] k = gaussian(r, batch * hkv * capacity * d);
        float[] v = gaussian(r, batch * hkv * capacity * d);
        int[] padding = new int[batch * tk];
        float[] out = new float[q.length];
        float[] lse = new float[batch * hq * tq];
        float scale = (float) (1 / Math.sqrt(d));
        int rows = batch * hq * tq;
        VectorFlashAttention.forward(q, k, v, out, lse, hq, hkv, tq, tk, capacity, d, scale, 1, 0, padding, 0, 0, rows);
        float[] dOut = gaussian(r, q.length);
        float[] delta = new float[rows];
        FlashAttentionKernels.rowDot(dOut, out, delta, d, 0, rows);
        float[] dq = new float[q.length];
        float[] dk = new float[k.length];
        float[] dv = new float[v.length];
        VectorFlashAttention.backwardQuery(q, k, v, lse, delta, dOut, dq, hq, hkv, tq, tk, capacity, d, scale, 1, 0, padding,
                0, 0, rows);
        VectorFlashAttention.backwardKeyValue(q, k, v, lse, delta, dOut, dk, dv, hq, hkv, tq, tk, capacity, d, scale, 1, 0,
                padding, 0, 0, batch * hkv * tk);
        for (float[] x : new float[][] {out, lse, dq, dk, dv}) {
            s.append(hash(x)).append(' ');
        }
        return s.toString().trim();
    }

    private static float[] gaussian(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    private static int hash(float[] x) {
        int[] bits = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            bits[i] = Float.floatToIntBits(x[i]);
        }
        return Arrays.hashCode(bits);
    }
}
