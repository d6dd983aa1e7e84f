package io.jemini.engine.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Checks an op against its double-precision reference: the float32 forward must match the
 * reference, and the float32 analytic gradient of {@code sum(R * f(x))} (random R) must match
 * central finite differences of the reference, taken in double precision.
 */
public final class GradCheck {
    private static final double STEP = 1e-6;

    private final String name;
    private final DArray[] inputs;
    private final boolean[] differentiable;
    private double forwardTolerance = 1e-5;
    private double gradientTolerance = 1e-3;

    private GradCheck(String name, DArray[] inputs) {
        this.name = name;
        this.inputs = new DArray[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            double[] v = inputs[i].v().clone();
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) v[j];
            }
            this.inputs[i] = new DArray(v, inputs[i].shape());
        }
        this.differentiable = new boolean[inputs.length];
        Arrays.fill(differentiable, true);
    }

    public static GradCheck of(String name, DArray... inputs) {
        return new GradCheck(name, inputs);
    }

    /** Random normal input values. */
    public static DArray randn(Rng rng, int... shape) {
        double[] v = new double[DArray.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        return new DArray(v, shape);
    }

    /** Random values with {@code lo <= |x| < hi} and random sign (or positive only), away from kinks. */
    public static DArray awayFromZero(Rng rng, double lo, double hi, boolean positive, int... shape) {
        double[] v = new double[DArray.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            double m = lo + (hi - lo) * rng.nextDouble();
            v[i] = positive || rng.nextDouble() < 0.5 ? m : -m;
        }
        return new DArray(v, shape);
    }

    /** Treats input {@code i} as a constant (no gradient checked). */
    public GradCheck constant(int i) {
        differentiable[i] = false;
        return this;
    }

    public GradCheck tolerances(double forward, double gradient) {
        this.forwardTolerance = forward;
        this.gradientTolerance = gradient;
        return this;
    }

    public void run(Function<Tensor[], Tensor> op, Function<DArray[], DArray> reference) {
        Tensor[] ts = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            float[] f = new float[inputs[i].v().length];
            for (int j = 0; j < f.length; j++) {
                f[j] = (float) inputs[i].v()[j];
            }
            ts[i] = Tensor.of(f, inputs[i].shape()).requiresGrad(differentiable[i]);
        }
        Tensor y = op.apply(ts);
        DArray expected = reference.apply(inputs);
        if (!Arrays.equals(y.dims(), expected.shape())) {
            fail(name + ": output shape " + Arrays.toString(y.dims()) + ", reference " + Arrays.toString(expected.shape()));
        }
        compare(name + " forward", toDouble(y.data()), expected.v(), forwardTolerance);

        Rng rng = new Rng(name.hashCode());
        double[] upstream = new double[y.numel()];
        float[] upstreamF = new float[y.numel()];
        for (int i = 0; i < upstream.length; i++) {
            upstreamF[i] = (float) rng.nextGaussian();
            upstream[i] = upstreamF[i];
        }
        y.backward(upstreamF);
        for (int i = 0; i < inputs.length; i++) {
            if (!differentiable[i]) {
                continue;
            }
            double[] numeric = new double[inputs[i].v().length];
            for (int j = 0; j < numeric.length; j++) {
                double orig = inputs[i].v()[j];
                inputs[i].v()[j] = orig + STEP;
                double plus = dot(reference.apply(inputs).v(), upstream);
                inputs[i].v()[j] = orig - STEP;
                double minus = dot(reference.apply(inputs).v(), upstream);
                inputs[i].v()[j] = orig;
                numeric[j] = (plus - minus) / (2 * STEP);
            }
            float[] g = ts[i].gradData();
            double[] analytic = g == null ? new double[numeric.length] : toDouble(g);
            compare(name + " gradient of input " + i, analytic, numeric, gradientTolerance);
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** Fails unless every |actual - expected| <= tol * max(1, max |expected|). */
    public static void compare(String what, double[] actual, double[] expected, double tol) {
        double scale = 1.0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < actual.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            if (!(err <= tol * scale)) {
                fail(String.format("%s: element %d is %.8g, expected %.8g (error %.3g > %.3g)", what, i, actual[i],
                        expected[i], err, tol * scale));
            }
        }
    }
}
