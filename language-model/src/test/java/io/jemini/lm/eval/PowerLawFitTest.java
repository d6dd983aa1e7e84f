package io.jemini.lm.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PowerLawFitTest {
    @Test
    void recoversAKnownLawAndScoresItsFit() {
        double[] x = {16, 32, 64, 128, 256, 512, 1024, 2048, 4096};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 3.2 * Math.pow(x[i], -0.41) + 1.7;
        }
        PowerLawFit fit = PowerLawFit.fit(x, y);
        assertEquals(3.2, fit.alpha(), 1e-4);
        assertEquals(-0.41, fit.beta(), 1e-5);
        assertEquals(1.7, fit.gamma(), 1e-5);
        assertEquals(1.0, fit.rSquared(), 1e-9);
        y[4] += 0.05;
        assertTrue(PowerLawFit.fit(x, y).rSquared() < 0.999, "a bumped point lowers R²");
    }
}
