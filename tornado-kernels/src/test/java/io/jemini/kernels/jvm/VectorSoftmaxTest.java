package io.jemini.kernels.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jemini.kernels.CrossEntropyKernels;
import io.jemini.kernels.SoftmaxKernels;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The vectorised exponentials of softmax and the cross-entropy gradient keep the portable kernels' bits. */
class VectorSoftmaxTest {
    @Test
    void softmaxSameBitsForEveryLineLengthWithMaskedAndExtremeEntries() {
        Random rnd = new Random(21);
        for (int r : new int[] {1, 3, 4, 7, 64, 129}) {
            for (int inner : new int[] {1, 3}) {
                int lines = 6 * inner;
                float[] x = new float[lines * r];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) (rnd.nextGaussian() * (i % 3 == 0 ? 30 : 2));
                    if (i % 11 == 5) {
                        x[i] = Float.NEGATIVE_INFINITY;
                    }
                }
                if (r > 1) {
                    java.util.Arrays.fill(x, 0, r, Float.NEGATIVE_INFINITY);
                    x[r + 1] = Float.NaN;
                }
                float[] expected = new float[x.length];
                float[] actual = new float[x.length];
                SoftmaxKernels.softmax(x, expected, r, inner, 0, lines);
                VectorSoftmax.forward(x, actual, r, inner, 0, lines);
                assertBits(expected, actual, "softmax r=" + r + " inner=" + inner);
            }
        }
    }

    @Test
    void crossEntropyGradientSameBitsForEveryTargetPosition() {
        Random rnd = new Random(22);
        for (int classes : new int[] {3, 8, 37, 2048}) {
            for (float smoothing : new float[] {0f, 0.1f}) {
                int rows = Math.min(classes, 40) + 1;
                float[] logits = new float[rows * classes];
                for (int i = 0; i < logits.length; i++) {
                    logits[i] = (float) (rnd.nextGaussian() * 4);
                }
                int[] target = new int[rows];
                for (int row = 0; row < rows; row++) {
                    target[row] = row == rows - 1 ? -100 : row * 7 % classes;
                }
                float[] loss = new float[rows];
                float[] lse = new float[rows];
                CrossEntropyKernels.forward(logits, target, loss, lse, classes, -100, smoothing, 0, rows);
                float[] g = new float[rows];
                for (int row = 0; row < rows; row++) {
                    g[row] = (float) rnd.nextGaussian();
                }
                float[] expected = new float[logits.length];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = (float) rnd.nextGaussian();
                }
                float[] actual = expected.clone();
                CrossEntropyKernels.backward(logits, target, lse, g, expected, classes, -100, smoothing, 0, rows);
                VectorSoftmax.crossEntropyBackward(logits, target, lse, g, actual, classes, -100, smoothing, 0, rows);
                assertBits(expected, actual, "cross-entropy classes=" + classes + " smoothing=" + smoothing);
            }
        }
    }

    private static void assertBits(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]),
                    what + " element " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }
}
