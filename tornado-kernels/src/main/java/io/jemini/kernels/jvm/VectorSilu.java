package io.jemini.kernels.jvm;

import static io.jemini.kernels.jvm.SettledRounding.DOUBLES;
import static io.jemini.kernels.jvm.SettledRounding.LANES;
import static io.jemini.kernels.jvm.SettledRounding.accumulate;
import static io.jemini.kernels.jvm.SettledRounding.load;
import static io.jemini.kernels.jvm.SettledRounding.settled;
import static io.jemini.kernels.jvm.SettledRounding.store;

import io.jemini.kernels.UnaryKernels;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

/**
 * SiLU and its gradient with the bits of {@link UnaryKernels#silu} and
 * {@link UnaryKernels#siluBackward}, four lanes at a time. Both compute in double and round to
 * float once; here the exponential is the Vector API's, which may differ from {@link Math#exp}
 * in its last bits, so each lane is rounded only when {@link SettledRounding#settled} says the
 * band around it rounds to one float: {@code 2⁻⁴⁰·|y|} forward, {@code 2⁻⁴⁰·(|g| + σ(x)·(1 + |x|))}
 * for the gradient (where {@code 1 − σ} cancels). The portable kernel recomputes the rest (about
 * one lane in 10⁴ for inputs of order one).
 */
public final class VectorSilu {
    private VectorSilu() {
    }

    /** {@code y[i] = silu(x[i])} for {@code i ∈ [lo, hi)}, bit for bit as {@link UnaryKernels#silu}. */
    public static void forward(float[] x, float[] y, int lo, int hi) {
        int i = lo;
        for (; i + LANES <= hi; i += LANES) {
            DoubleVector xd = load(x, i);
            DoubleVector v = xd.div(xd.neg().lanewise(VectorOperators.EXP).add(1.0));
            if (settled(v, v.abs())) {
                store(v, y, i);
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
            DoubleVector xd = load(x, i);
            DoubleVector one = DoubleVector.broadcast(DOUBLES, 1.0);
            DoubleVector s = one.div(xd.neg().lanewise(VectorOperators.EXP).add(1.0));
            DoubleVector g = s.mul(xd.mul(one.sub(s)).add(1.0));
            if (settled(g, g.abs().add(s.mul(xd.abs().add(1.0))))) {
                accumulate(g, dy, dx, i);
            } else {
                UnaryKernels.siluBackward(x, dy, dx, i, i + LANES);
            }
        }
        UnaryKernels.siluBackward(x, dy, dx, i, hi);
    }
}
