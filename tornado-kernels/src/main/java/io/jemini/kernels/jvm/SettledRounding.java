package io.jemini.kernels.jvm;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Double lanes rounded to float only where the rounding cannot depend on an exponential's last
 * bits, for the Vector API kernels ({@link VectorSilu}, {@link VectorGelu}, {@link VectorSoftmax})
 * that must give the portable kernels' bits while using a different exponential.
 */
final class SettledRounding {
    static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_256;
    static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_128;
    static final int LANES = DOUBLES.length();
    /** The band's scale: 2⁸ times the most the two ways' double results can differ (about 2⁻⁴⁸, from a few ulps of exp). */
    private static final double BAND = 0x1p-40;

    private SettledRounding() {
    }

    /** Floats {@code x[i … i+LANES)} widened to double. */
    static DoubleVector load(float[] x, int i) {
        return (DoubleVector) FloatVector.fromArray(FLOATS, x, i).convertShape(VectorOperators.F2D, DOUBLES, 0);
    }

    /**
     * Whether every lane's band {@code v ± 2⁻⁴⁰·scale} rounds to a single float (false for NaN
     * and infinities), so that any double in it rounds as {@code v} does.
     */
    static boolean settled(DoubleVector v, DoubleVector scale) {
        DoubleVector band = scale.mul(BAND);
        return rounded(v.sub(band)).compare(VectorOperators.EQ, rounded(v.add(band))).allTrue();
    }

    /** The lanes rounded to float, as a {@code (float)} cast rounds. */
    static FloatVector rounded(DoubleVector v) {
        return (FloatVector) v.convertShape(VectorOperators.D2F, FLOATS, 0);
    }

    /** Rounds the lanes to float into {@code y[i …]}. */
    static void store(DoubleVector v, float[] y, int i) {
        rounded(v).intoArray(y, i);
    }

    /** {@code dx[i + l] += dy[i + l] · (float) g[l]}, in float as the portable kernels add. */
    static void accumulate(DoubleVector g, float[] dy, float[] dx, int i) {
        FloatVector.fromArray(FLOATS, dx, i).add(FloatVector.fromArray(FLOATS, dy, i).mul(rounded(g))).intoArray(dx, i);
    }
}
