package io.jemini.kernels.jvm;

import io.jemini.kernels.UnaryKernels;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SiLU and its gradient with the bits of {@link UnaryKernels#silu} and
 * {@link UnaryKernels#siluBackward}, several lanes at a time. Both compute in double and round
 * to float once; here the exponential is the Vector API's, which may differ from
 * {@link Math#exp} in its last bits. Each lane's double result is therefore checked before it is
 * rounded: if every value within a band of {@code 2⁻⁴⁰·|y|} (for the gradient
 * {@code 2⁻⁴⁰·(|y| + σ(x)·(1 + |x|))}, since {@code 1 − σ} cancels) rounds to the same float,
 * the reference's value, which lies well inside that band, rounds there too; otherwise (about one
 * lane in 10⁴ for inputs of order one) the lanes are recomputed by the reference kernel.
 */
public final class VectorSilu {
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_256;
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_128;
    private static final int LANES = DOUBLES.length();
    /** The band's scale: 2⁸ times the most the two ways' double results can differ (about 2⁻⁴⁸, from a few ulps of exp). */
    private static final double BAND = 0x1p-40;

    private VectorSilu() {
    }

    /** {@code y[i] = silu(x[i])} for {@code i ∈ [lo, hi)}, bit for bit as {@link UnaryKernels#silu}. */
    public static void forward(float[] x, float[] y, int lo, int hi) {
        int i = lo;
        for (; i + LANES <= hi; i += LANES) {
            DoubleVector xd = (DoubleVector) FloatVector.fromArray(FLOATS, x, i).convertShape(VectorOperators.F2D, DOUBLES, 0);
            DoubleVector e = xd.neg().lanewise(VectorOperators.EXP);
            DoubleVector v = xd.div(e.add(1.0));
            DoubleVector band = v.abs().mul(BAND);
            if (settled(v, band)) {
                ((FloatVector) v.convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(y, i);
            } else {
                UnaryKernels.silu(x, y, i, i + LANES);
            }
        }
        UnaryKernels.silu(x, y, i, hi);
    }

    /** {@code dx[i] += dy[i] · silu'(x[i])} for {@code i ∈ [lo, hi)}, bit for bit as {@link UnaryKernels#siluBackward}. */
    public static void backward(float[] x, float[] dy, float[] dx, int lo, int hi) {
        int i = lo;
        for (; i + LANES <= hi; i += LANES) {
            DoubleVector xd = (DoubleVector) FloatVector.fromArray(FLOATS, x, i).convertShape(VectorOperators.F2D, DOUBLES, 0);
            DoubleVector e = xd.neg().lanewise(VectorOperators.EXP);
            DoubleVector s = DoubleVector.broadcast(DOUBLES, 1.0).div(e.add(1.0));
            DoubleVector g = s.mul(xd.mul(DoubleVector.broadcast(DOUBLES, 1.0).sub(s)).add(1.0));
            DoubleVector band = g.abs().add(s.mul(xd.abs().add(1.0))).mul(BAND);
            if (settled(g, band)) {
                FloatVector gf = (FloatVector) g.convertShape(VectorOperators.D2F, FLOATS, 0);
                FloatVector.fromArray(FLOATS, dx, i).add(FloatVector.fromArray(FLOATS, dy, i).mul(gf)).intoArray(dx, i);
            } else {
                UnaryKernels.siluBackward(x, dy, dx, i, i + LANES);
            }
        }
        UnaryKernels.siluBackward(x, dy, dx, i, hi);
    }

    /** Whether every lane's band {@code v ± band} rounds to a single float (false for NaN and infinities). */
    private static boolean settled(DoubleVector v, DoubleVector band) {
        FloatVector below = (FloatVector) v.sub(band).convertShape(VectorOperators.D2F, FLOATS, 0);
        FloatVector above = (FloatVector) v.add(band).convertShape(VectorOperators.D2F, FLOATS, 0);
        return below.compare(VectorOperators.EQ, above).allTrue();
    }
}
