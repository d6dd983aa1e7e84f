package io.jemini.kernels.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jemini.kernels.UnaryKernels;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Vector API SiLU and GELU give the portable kernels' bits, forward and backward, on any input. */
class VectorActivationsTest {
    /** One activation's two kernels, as the portable and the Vector API versions both take them. */
    interface Forward {
        void apply(float[] x, float[] y, int lo, int hi);
    }

    interface Backward {
        void apply(float[] x, float[] dy, float[] dx, int lo, int hi);
    }

    record Pair(String name, Forward reference, Forward vector, Backward referenceBackward, Backward vectorBackward) {
    }

    static final List<Pair> ACTIVATIONS = List.of(
            new Pair("silu", UnaryKernels::silu, VectorSilu::forward, UnaryKernels::siluBackward, VectorSilu::backward),
            new Pair("gelu", UnaryKernels::gelu, VectorGelu::forward, UnaryKernels::geluBackward, VectorGelu::backward));

    /** Values where the double results lie near a float rounding boundary, plus zeros, subnormals, extremes, infinities and NaN. */
    static final float[] HARD = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL,
        Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1e-30f, -1e-30f,
        88.7f, -88.7f, 103.9f, -103.9f, 745.2f, -745.2f, 1e6f, -1e6f, -1.2784645f, -1.2784646f, -1.2784644f, -0.7517916f, -5.5f, -9.9f, -13.2f};

    @Test
    void sameBitsOnRandomInputsAtEveryScale() {
        Random rnd = new Random(11);
        for (double scale : new double[] {0.01, 1, 4, 30, 300}) {
            float[] x = new float[100_003];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (rnd.nextGaussian() * scale);
            }
            for (Pair a : ACTIVATIONS) {
                check(a, x, rnd);
            }
        }
    }

    @Test
    void sameBitsOnHardInputs() {
        for (Pair a : ACTIVATIONS) {
            check(a, HARD, new Random(12));
        }
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
        for (Pair a : ACTIVATIONS) {
            for (int lo = 0; lo < 6; lo++) {
                for (int hi = lo; hi <= x.length; hi++) {
                    float[] expected = new float[x.length];
                    float[] actual = new float[x.length];
                    a.reference().apply(x, expected, lo, hi);
                    a.vector().apply(x, actual, lo, hi);
                    assertBits(expected, actual, a.name() + " forward [" + lo + ", " + hi + ")");
                    float[] dxExpected = random(new Random(hi), x.length);
                    float[] dxActual = dxExpected.clone();
                    a.referenceBackward().apply(x, dy, dxExpected, lo, hi);
                    a.vectorBackward().apply(x, dy, dxActual, lo, hi);
                    assertBits(dxExpected, dxActual, a.name() + " backward [" + lo + ", " + hi + ")");
                }
            }
        }
    }

    private static void check(Pair a, float[] x, Random rnd) {
        float[] expected = new float[x.length];
        float[] actual = new float[x.length];
        a.reference().apply(x, expected, 0, x.length);
        a.vector().apply(x, actual, 0, x.length);
        assertBits(expected, actual, a.name() + " forward");
        float[] dy = random(rnd, x.length);
        float[] dxExpected = random(rnd, x.length);
        float[] dxActual = dxExpected.clone();
        a.referenceBackward().apply(x, dy, dxExpected, 0, x.length);
        a.vectorBackward().apply(x, dy, dxActual, 0, x.length);
        assertBits(dxExpected, dxActual, a.name() + " backward");
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
