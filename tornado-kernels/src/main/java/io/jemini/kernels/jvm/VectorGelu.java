package io.jemini.kernels.jvm;

import static io.jemini.kernels.jvm.SettledRounding.DOUBLES;
import static io.jemini.kernels.jvm.SettledRounding.LANES;
import static io.jemini.kernels.jvm.SettledRounding.accumulate;
import static io.jemini.kernels.jvm.SettledRounding.load;
import static io.jemini.kernels.jvm.SettledRounding.settled;
import static io.jemini.kernels.jvm.SettledRounding.store;

import io.jemini.kernels.UnaryKernels;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Exact GELU and its gradient with the bits of {@link UnaryKernels#gelu} and
 * {@link UnaryKernels#geluBackward}, four lanes at a time: the same double arithmetic, the same
 * erf approximation, the Vector API's exponential, and each lane rounded to float only when
 * {@link SettledRounding#settled} allows it. The exponential's error enters {@code 1 + erf}
 * absolutely, so the band is {@code 2⁻⁴⁰·(|y| + |x|)} forward and {@code 2⁻⁴⁰·(|g| + 1)} for the
 * gradient; lanes it does not settle (the far negative tail, where GELU is nearly zero) are
 * recomputed by the portable kernel.
 */
public final class VectorGelu {
    private VectorGelu() {
    }

    /** {@code y[i] = gelu(x[i])} for {@code i ∈ [lo, hi)}, bit for bit as {@link UnaryKernels#gelu}. */
    public static void forward(float[] x, float[] y, int lo, int hi) {
        int i = lo;
        for (; i + LANES <= hi; i += LANES) {
            DoubleVector xd = load(x, i);
            DoubleVector v = xd.mul(0.5).mul(erf(xd).add(1.0));
            if (settled(v, v.abs().add(xd.abs()))) {
                store(v, y, i);
            } else {
                UnaryKernels.gelu(x, y, i, i + LANES);
            }
        }
        UnaryKernels.gelu(x, y, i, hi);
    }

    /** {@code dx[i] += dy[i] · gelu'(x[i])} for {@code i ∈ [lo, hi)}, bit for bit as {@link UnaryKernels#geluBackward}. */
    public static void backward(float[] x, float[] dy, float[] dx, int lo, int hi) {
        int i = lo;
        for (; i + LANES <= hi; i += LANES) {
            DoubleVector xd = load(x, i);
            DoubleVector cdf = erf(xd).add(1.0).mul(0.5);
            DoubleVector pdf = xd.mul(-0.5).mul(xd).lanewise(VectorOperators.EXP).mul(0.3989422804014327);
            DoubleVector g = cdf.add(xd.mul(pdf));
            if (settled(g, g.abs().add(1.0))) {
                accumulate(g, dy, dx, i);
            } else {
                UnaryKernels.geluBackward(x, dy, dx, i, i + LANES);
            }
        }
        UnaryKernels.geluBackward(x, dy, dx, i, hi);
    }

    /** erf(x/√2) by Abramowitz–Stegun 7.1.26, operation for operation as the portable kernels evaluate it. */
    private static DoubleVector erf(DoubleVector xd) {
        DoubleVector z = xd.mul(0.7071067811865476);
        DoubleVector az = z.abs();
        DoubleVector t = DoubleVector.broadcast(DOUBLES, 1.0).div(az.mul(0.3275911).add(1.0));
        DoubleVector poly = t.mul(t.mul(t.mul(t.mul(t.mul(1.061405429).add(-1.453152027)).add(1.421413741))
                .add(-0.284496736)).add(0.254829592));
        DoubleVector erfAbs = DoubleVector.broadcast(DOUBLES, 1.0).sub(poly.mul(az.neg().mul(az).lanewise(VectorOperators.EXP)));
        VectorMask<Double> negative = z.compare(VectorOperators.LT, 0.0);
        return erfAbs.blend(erfAbs.neg(), negative);
    }
}
