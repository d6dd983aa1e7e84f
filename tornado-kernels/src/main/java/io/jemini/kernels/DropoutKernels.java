package io.jemini.kernels;

/**
 * Inverted dropout whose keep/drop decision for element i is a hash of (seed, i): counter-based,
 * so the mask is the same on every backend and thread count and needs no stored mask.
 */
public final class DropoutKernels {
    private DropoutKernels() {
    }

    /**
     * {@code y[i] (+)= keep(i) ? x[i] / (1 - p) : 0}. Forward passes the input; backward passes the
     * upstream gradient with {@code accumulate = 1}.
     */
    public static void apply(float[] x, float[] y, long seed, float p, int accumulate, int lo, int hi) {
        float scale = 1.0f / (1.0f - p);
        for (int i = lo; i < hi; i++) {
            long z = seed + (i + 1L) * 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z = z ^ (z >>> 31);
            float u = (z >>> 40) * 0x1.0p-24f;
            float v = u < p ? 0.0f : x[i] * scale;
            y[i] = accumulate != 0 ? y[i] + v : v;
        }
    }
}
