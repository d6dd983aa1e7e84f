package io.jemini.kernels.jvm;

import static io.jemini.kernels.jvm.SettledRounding.DOUBLES;
import static io.jemini.kernels.jvm.SettledRounding.FLOATS;
import static io.jemini.kernels.jvm.SettledRounding.LANES;
import static io.jemini.kernels.jvm.SettledRounding.rounded;
import static io.jemini.kernels.jvm.SettledRounding.settled;
import static io.jemini.kernels.jvm.SettledRounding.store;

import io.jemini.kernels.CrossEntropyKernels;
import io.jemini.kernels.SoftmaxKernels;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The exponentials of softmax and of the cross-entropy gradient four lanes at a time, with the
 * bits of {@link SoftmaxKernels#softmax} and {@link CrossEntropyKernels#backward}: both round
 * each {@code exp} to float before using it, so each lane is kept when
 * {@link SettledRounding#settled} allows it and recomputed with {@link Math#exp} otherwise; sums
 * stay sequential, in the portable kernels' order.
 */
public final class VectorSoftmax {
    private VectorSoftmax() {
    }

    /** Softmax over lines {@code [lo, hi)} of a {@code [outer, r, inner]} view, as {@link SoftmaxKernels#softmax}. */
    public static void forward(float[] x, float[] y, int r, int inner, int lo, int hi) {
        if (inner != 1) {
            SoftmaxKernels.softmax(x, y, r, inner, lo, hi);
            return;
        }
        for (int line = lo; line < hi; line++) {
            int base = line * r;
            float peak = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < r; k++) {
                peak = Math.max(peak, x[base + k]);
            }
            exponentials(x, y, base, peak, r);
            double sum = 0.0;
            for (int k = 0; k < r; k++) {
                sum += y[base + k];
            }
            float inv = (float) (1.0 / sum);
            int k = 0;
            for (; k + LANES <= r; k += LANES) {
                FloatVector.fromArray(FLOATS, y, base + k).mul(inv).intoArray(y, base + k);
            }
            for (; k < r; k++) {
                y[base + k] *= inv;
            }
        }
    }

    /**
     * {@code dlogits += g[row]·(softmax − smoothed one-hot)} for rows {@code [lo, hi)}, as
     * {@link CrossEntropyKernels#backward}; the lanes holding a row's target are computed one by one.
     */
    public static void crossEntropyBackward(float[] logits, int[] target, float[] lse, float[] g, float[] dlogits,
                                            int classes, int ignoreIndex, float smoothing, int lo, int hi) {
        float off = smoothing / classes;
        for (int row = lo; row < hi; row++) {
            int t = target[row];
            if (t == ignoreIndex) {
                continue;
            }
            int base = row * classes;
            float gr = g[row];
            float l = lse[row];
            int c = 0;
            for (; c + LANES <= classes; c += LANES) {
                DoubleVector e = exp(FloatVector.fromArray(FLOATS, logits, base + c).sub(l));
                if (t >= c && t < c + LANES || !settled(e, e.abs())) {
                    crossEntropyClasses(logits, base, t, l, gr, off, smoothing, dlogits, c, c + LANES);
                } else {
                    FloatVector.fromArray(FLOATS, dlogits, base + c).add(rounded(e).sub(off).mul(gr)).intoArray(dlogits, base + c);
                }
            }
            crossEntropyClasses(logits, base, t, l, gr, off, smoothing, dlogits, c, classes);
        }
    }

    /** Classes {@code [c0, c1)} of one row's cross-entropy gradient, element by element as the portable kernel computes them. */
    private static void crossEntropyClasses(float[] logits, int base, int t, float l, float gr, float off, float smoothing,
                                            float[] dlogits, int c0, int c1) {
        for (int c = c0; c < c1; c++) {
            float p = (float) Math.exp(logits[base + c] - l);
            float q = c == t ? 1.0f - smoothing + off : off;
            dlogits[base + c] += gr * (p - q);
        }
    }

    /** {@code y[base + k] = (float) exp(x[base + k] − peak)} for {@code k < r}. */
    private static void exponentials(float[] x, float[] y, int base, float peak, int r) {
        int k = 0;
        for (; k + LANES <= r; k += LANES) {
            DoubleVector e = exp(FloatVector.fromArray(FLOATS, x, base + k).sub(peak));
            if (settled(e, e.abs())) {
                store(e, y, base + k);
            } else {
                scalarExponentials(x, y, base, peak, k, k + LANES);
            }
        }
        scalarExponentials(x, y, base, peak, k, r);
    }

    /** Entries {@code [k0, k1)} of a line's exponentials, one by one as the portable kernel computes them. */
    private static void scalarExponentials(float[] x, float[] y, int base, float peak, int k0, int k1) {
        for (int k = k0; k < k1; k++) {
            y[base + k] = (float) Math.exp(x[base + k] - peak);
        }
    }

    /** The lanes' exponentials in double, by the Vector API. */
    private static DoubleVector exp(FloatVector d) {
        return ((DoubleVector) d.convertShape(VectorOperators.F2D, DOUBLES, 0)).lanewise(VectorOperators.EXP);
    }
}
