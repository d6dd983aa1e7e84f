package io.jemini.engine.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * The engine's ops give the same bits whatever the machine's vector width, including which kernel
 * a product goes to: this JVM's results against those of a child JVM held to 8-float vectors
 * ({@code -XX:MaxVectorSize=32}, AVX2's width). A 16-wide product once went to the tuned kernel
 * on AVX2 and to the narrow one on AVX-512, and attention summed its dot products in a tree set by
 * the vector width: the quickstart's validation loss was 1.3571 on one machine and 1.3568 on the
 * other. On an AVX2 machine both sides have 8-float vectors. With 4-float vectors (128-bit NEON,
 * or {@code -XX:MaxVectorSize=16}) attention runs the portable kernel, whose bits differ; only
 * the products are compared there.
 */
class VectorWidthTest {
    /** Where {@link #bits} starts on attention. */
    private static final String ATTENTION = "attention:";

    @Test
    void sameBitsWithEightFloatVectors() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = List.of(java, "--add-modules=jdk.incubator.vector", "-XX:MaxVectorSize=32", "-cp",
                System.getProperty("java.class.path"), VectorWidthTest.class.getName());
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String childBits = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, child.waitFor(), "the child JVM failed: " + String.join(" ", command));
        String bits = bits();
        if (FloatVector.SPECIES_PREFERRED.length() < 8) {
            childBits = childBits.substring(0, childBits.indexOf(ATTENTION));
            bits = bits.substring(0, bits.indexOf(ATTENTION));
        }
        assertEquals(childBits, bits, "results with this JVM's " + FloatVector.SPECIES_PREFERRED.length()
                + "-float vectors differ from those with 8-float vectors");
    }

    /** Runs {@link #bits} on the JVM it is started in (the child of the test). */
    public static void main(String[] args) {
        System.out.println(bits());
    }

    /**
     * Hashes of products 8 to 90 columns wide (every transpose, one over three k blocks) and of
     * blockwise attention with heads of 8 and 16, with gradients.
     */
    static String bits() {
        Rng rng = new Rng(7);
        StringBuilder s = new StringBuilder();
        for (int[] shape : new int[][] {{256, 8, 64}, {256, 16, 64}, {256, 20, 64}, {256, 64, 64}, {70, 90, 1100}}) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            for (int v = 0; v < 4; v++) {
                boolean transA = (v & 1) != 0;
                boolean transB = (v & 2) != 0;
                float[] a = Tensor.randn(rng, 1f, m, k).data();
                float[] b = Tensor.randn(rng, 1f, k, n).data();
                float[] c = new float[m * n];
                Gemm.run(a, 0, transA ? m : k, transA, b, 0, transB ? k : n, transB, c, 0, n, m, n, k, false);
                s.append(hash(c)).append(' ');
            }
        }
        s.append(ATTENTION);
        for (int d : new int[] {8, 16}) {
            Tensor q = Tensor.randn(rng, 1f, 2, 4, 40, d).requiresGrad(true);
            Tensor k = Tensor.randn(rng, 1f, 2, 2, 40, d).requiresGrad(true);
            Tensor v = Tensor.randn(rng, 1f, 2, 2, 40, d).requiresGrad(true);
            Tensor out = BlockwiseAttention.apply(q, k, v, true, 0);
            out.backward(Tensor.randn(rng, 1f, 2, 4, 40, d).data());
            for (float[] x : new float[][] {out.data(), q.gradBuffer(), k.gradBuffer(), v.gradBuffer()}) {
                s.append(hash(x)).append(' ');
            }
        }
        return s.toString().trim();
    }

    private static int hash(float[] x) {
        int[] bits = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            bits[i] = Float.floatToIntBits(x[i]);
        }
        return Arrays.hashCode(bits);
    }
}
