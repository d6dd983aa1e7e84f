package io.jemini.kernels.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jemini.kernels.UnaryKernels;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Vector API SiLU gives the portable kernels' bits, forward and backward, on any input. */
class VectorSiluTest {
    /** Values where the double results lie near a float rounding boundary, plus zeros, subnormals, extremes, infinities and NaN. */
    static final float[] HARD = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL,
        Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1e-30f, -1e-30f,
        88.7f, -88.7f, 103.9f, -103.9f, 745.2f, -745.2f, 1e6f, -1e6f, -1.2784645f, -1.2784646f, -1.2784644f};

    @Test
    void sameBitsOnRandomInputsAtEveryScale() {
        Random rnd = new Random(11);
        for (double scale : new double[] {0.01, 1, 4, 30, 300}) {
            float[] x = new float[100_003];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (rnd.nextGaussian() * scale);
            }
            check(x, rnd);
        }
    }

    @Test
    void sameBitsOnHardInputs() {
        check(HARD, new Random(12));
    }

    /** Every offset and tail length: lanes left over at either end go through the portable kernel. */
    @Test
    void sameBitsOnEveryRange() {
        Random rnd = new Random(13);
        float[] x = new float[23];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian() * 3;
        }
        float[] dy = random(rnd, x.length);
        for (int lo = 0; lo < 6; lo++) {
            for (int hi = lo; hi <= x.length; hi++) {
                float[] expected = new float[x.length];
                float[] actual = new float[x.length];
                UnaryKernels.silu(x, expected, lo, hi);
                VectorSilu.forward(x, actual, lo, hi);
                assertBits(expected, actual, "forward [" + lo + ", " + hi + ")");
                float[] dxExpected = random(new Random(hi), x.length);
                float[] dxActual = dxExpected.clone();
                UnaryKernels.siluBackward(x, dy, dxExpected, lo, hi);
                VectorSilu.backward(x, dy, dxActual, lo, hi);
                assertBits(dxExpected, dxActual, "backward [" + lo + ", " + hi + ")");
            }
        }
    }

    private static void check(float[] x, Random rnd) {
        float[] expected = new float[x.length];
        float[] actual = new float[x.length];
        UnaryKernels.silu(x, expected, 0, x.length);
        VectorSilu.forward(x, actual, 0, x.length);
        assertBits(expected, actual, "forward");
        float[] dy = random(rnd, x.length);
        float[] dxExpected = random(rnd, x.length);
        float[] dxActual = dxExpected.clone();
        UnaryKernels.siluBackward(x, dy, dxExpected, 0, x.length);
        VectorSilu.backward(x, dy, dxActual, 0, x.length);
        assertBits(dxExpected, dxActual, "backward");
    }

    private static void assertBits(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]),
                    what + " element " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }

    private static float[] random(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }
}
