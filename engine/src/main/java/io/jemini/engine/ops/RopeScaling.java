package io.jemini.engine.ops;

import io.jemini.engine.config.ConfigChoice;

/**
 * How rotary frequencies are stretched to run past the trained length {@code original} by a
 * factor {@code factor}: {@code none}; {@code pi}, position interpolation (every frequency divided
 * by the factor, Chen et al. 2023); {@code ntk}, NTK-aware scaling (the base raised to
 * {@code base·s^(d/(d−2))}); {@code yarn}, NTK-by-parts with a ramp between wavelengths of
 * {@code original/32} and {@code original} and the attention temperature {@code 0.1·ln s + 1}
 * applied to q and k (Peng et al. 2023).
 */
public record RopeScaling(Kind type, double factor, int original) {
    /** Which stretch ({@code model.rope_scaling}). */
    public enum Kind implements ConfigChoice {
        NONE, PI, NTK, YARN
    }

    public static final RopeScaling NONE = new RopeScaling(Kind.NONE, 1, 0);
    private static final double YARN_ALPHA = 1;
    private static final double YARN_BETA = 32;

    public RopeScaling {
        if (!(factor >= 1)) {
            throw new IllegalArgumentException("rope scaling factor " + factor + " must be >= 1");
        }
        if (type == Kind.YARN && original <= 0) {
            throw new IllegalArgumentException("yarn rope scaling needs the original (trained) context length");
        }
    }

    /** The angle per position of each frequency pair {@code i < dim/2}. */
    public double[] frequencies(int dim, double base) {
        int half = dim / 2;
        double[] theta = new double[half];
        double b = type == Kind.NTK ? base * Math.pow(factor, dim / (dim - 2.0)) : base;
        for (int i = 0; i < half; i++) {
            double t = Math.pow(b, -2.0 * i / dim);
            theta[i] = switch (type) {
                case PI -> t / factor;
                case YARN -> {
                    double ratio = original * t / (2 * Math.PI);
                    double ramp = Math.min(1, Math.max(0, (ratio - YARN_ALPHA) / (YARN_BETA - YARN_ALPHA)));
                    yield (1 - ramp) * t / factor + ramp * t;
                }
                case NONE, NTK -> t;
            };
        }
        return theta;
    }

    /** The factor q and k are multiplied by (YaRN's {@code sqrt(1/t)}; 1 otherwise). */
    public double magnitude() {
        return type == Kind.YARN ? 0.1 * Math.log(factor) + 1 : 1;
    }
}
