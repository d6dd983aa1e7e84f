package io.jemini.kernels.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jemini.kernels.FlashAttentionKernels;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The vectorised forward against the portable kernel, across the options both support (causal, window, grouped heads, key padding). */
class VectorFlashAttentionTest {
    private static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    @Test
    void matchesThePortableKernel() {
        Random r = new Random(3);
        int[][] cases = {{2, 4, 2, 7, 150, 160, 1, 0, 0}, {1, 4, 1, 1, 300, 300, 1, 0, 0}, {1, 2, 2, 20, 90, 96, 1, 17, 0},
            {2, 2, 1, 33, 33, 33, 0, 0, 0}, {2, 4, 2, 40, 140, 140, 0, 0, 1}, {2, 2, 1, 70, 70, 70, 1, 9, 1}};
        for (int[] c : cases) {
            int b = c[0];
            int hq = c[1];
            int hkv = c[2];
            int tq = c[3];
            int tk = c[4];
            int capacity = c[5];
            int padded = c[8];
            int[] padding = new int[b * tk];
            for (int i = 0; i < padding.length; i++) {
                padding[i] = padded != 0 && (i % tk < 3 || r.nextInt(5) == 0) ? 1 : 0;
            }
            for (int d : new int[] {8, 16, 32}) {
                float[] q = random(r, b * hq * tq * d);
                float[] k = random(r, b * hkv * capacity * d);
                float[] v = random(r, b * hkv * capacity * d);
                float[] expected = new float[q.length];
                float[] actual = new float[q.length];
                float[] lseE = new float[b * hq * tq];
                float[] lseA = new float[b * hq * tq];
                float scale = (float) (1 / Math.sqrt(d));
                FlashAttentionKernels.forward(q, k, v, expected, lseE, hq, hkv, tq, tk, capacity, d, scale, c[6], c[7], padding, padded, 0,
                        b * hq * tq);
                VectorFlashAttention.forward(q, k, v, actual, lseA, hq, hkv, tq, tk, capacity, d, scale, c[6], c[7], padding, padded, 0,
                        b * hq * tq);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 2e-5, "output " + i + " of case " + java.util.Arrays.toString(c));
                }
                for (int i = 0; i < lseE.length; i++) {
                    assertEquals(lseE[i], lseA[i], 2e-5, "log-sum-exp " + i);
                }
                float[] dOut = random(r, q.length);
                float[] delta = new float[lseE.length];
                FlashAttentionKernels.rowDot(dOut, expected, delta, d, 0, delta.length);
                float[][] portable = {new float[q.length], new float[k.length], new float[v.length]};
                float[][] vector = {new float[q.length], new float[k.length], new float[v.length]};
                FlashAttentionKernels.backwardQuery(q, k, v, lseE, delta, dOut, portable[0], hq, hkv, tq, tk, capacity, d, scale,
                        c[6], c[7], padding, padded, 0, b * hq * tq);
                VectorFlashAttention.backwardQuery(q, k, v, lseE, delta, dOut, vector[0], hq, hkv, tq, tk, capacity, d, scale,
                        c[6], c[7], padding, padded, 0, b * hq * tq);
                FlashAttentionKernels.backwardKeyValue(q, k, v, lseE, delta, dOut, portable[1], portable[2], hq, hkv, tq, tk,
                        capacity, d, scale, c[6], c[7], padding, padded, 0, b * hkv * tk);
                VectorFlashAttention.backwardKeyValue(q, k, v, lseE, delta, dOut, vector[1], vector[2], hq, hkv, tq, tk,
                        capacity, d, scale, c[6], c[7], padding, padded, 0, b * hkv * tk);
                for (int t = 0; t < 3; t++) {
                    for (int i = 0; i < portable[t].length; i++) {
                        assertEquals(portable[t][i], vector[t][i], 1e-4 * (1 + Math.abs(portable[t][i])),
                                "gradient " + t + " element " + i + " of case " + java.util.Arrays.toString(c));
                    }
                }
            }
        }
    }
}
