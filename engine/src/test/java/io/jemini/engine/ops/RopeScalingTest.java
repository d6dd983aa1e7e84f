package io.jemini.engine.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The RoPE length-scaling rules against their definitions. */
class RopeScalingTest {
    private static final int DIM = 16;
    private static final double BASE = 10000;

    @Test
    void positionInterpolationDividesEveryFrequency() {
        double[] plain = RopeScaling.NONE.frequencies(DIM, BASE);
        double[] pi = new RopeScaling(RopeScaling.Kind.PI, 4, 64).frequencies(DIM, BASE);
        for (int i = 0; i < plain.length; i++) {
            assertEquals(plain[i] / 4, pi[i], 1e-15);
        }
    }

    @Test
    void ntkRaisesTheBaseSoTheHighestFrequencyStaysAndTheLowestIsDividedByTheFactor() {
        double[] plain = RopeScaling.NONE.frequencies(DIM, BASE);
        double[] ntk = new RopeScaling(RopeScaling.Kind.NTK, 4, 64).frequencies(DIM, BASE);
        assertEquals(plain[0], ntk[0], 1e-15);
        double expected = Math.pow(BASE * Math.pow(4, DIM / (DIM - 2.0)), -2.0 * (DIM / 2 - 1) / DIM);
        assertEquals(expected, ntk[DIM / 2 - 1], 1e-15);
        assertEquals(plain[DIM / 2 - 1] / Math.pow(4, (DIM - 2.0) / (DIM - 2.0)), ntk[DIM / 2 - 1], 1e-12);
    }

    @Test
    void yarnKeepsShortWavelengthsInterpolatesLongOnesAndScalesMagnitude() {
        RopeScaling yarn = new RopeScaling(RopeScaling.Kind.YARN, 8, 64);
        double[] plain = RopeScaling.NONE.frequencies(DIM, BASE);
        double[] y = yarn.frequencies(DIM, BASE);
        for (int i = 0; i < plain.length; i++) {
            double rotations = 64 * plain[i] / (2 * Math.PI);
            if (rotations >= 32) {
                assertEquals(plain[i], y[i], 1e-15, "pair " + i + " turns " + rotations + " times: kept");
            } else if (rotations <= 1) {
                assertEquals(plain[i] / 8, y[i], 1e-15, "pair " + i + " turns " + rotations + " times: interpolated");
            }
        }
        assertEquals(0.1 * Math.log(8) + 1, yarn.magnitude(), 1e-15);
        Tensor x = Tensor.randn(new Rng(3), 1f, 1, 5, DIM);
        Tensor r = new Rotary(DIM, 16, BASE, yarn).apply(x, 0);
        double before = 0;
        double after = 0;
        for (int i = 0; i < x.numel(); i++) {
            before += x.data()[i] * x.data()[i];
            after += r.data()[i] * r.data()[i];
        }
        assertEquals(yarn.magnitude(), Math.sqrt(after / before), 1e-5, "rotation keeps the norm, the temperature scales it");
    }

    @Test
    void interpolatedPositionsMatchPlainOnesAtTheScaledPosition() {
        Tensor x = Tensor.randn(new Rng(4), 1f, 1, 1, DIM);
        Tensor scaled = new Rotary(DIM, 5000, BASE, new RopeScaling(RopeScaling.Kind.PI, 4, 64)).apply(x, 4000);
        Tensor plain = new Rotary(DIM, 5000, BASE).apply(x, 1000);
        for (int i = 0; i < DIM; i++) {
            assertEquals(plain.data()[i], scaled.data()[i], 1e-5);
        }
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RopeScaling(RopeScaling.Kind.PI, 0.5, 64));
        assertThrows(IllegalArgumentException.class, () -> new RopeScaling(RopeScaling.Kind.YARN, 2, 0));
    }
}
