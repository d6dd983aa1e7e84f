package io.jemini.kernels;

/**
 * Rotary position embedding in the "rotate half" layout (dimension i pairs with i + d/2), for a
 * tensor viewed as {@code [outer, t, d]} whose position is {@code offset + t}. The backward pass
 * is the rotation by the opposite angle ({@code sign = -1}).
 */
public final class RotaryKernels {
    private RotaryKernels() {
    }

    /**
     * {@code cos}/{@code sin} hold {@code [positions, d/2]} tables. The parallel range is over
     * {@code outer * t} rows; with {@code accumulate != 0} the result is added to {@code y}.
     */
    public static void rotate(float[] x, float[] y, float[] cos, float[] sin, int t, int d, int offset, float sign,
                              int accumulate, int lo, int hi) {
        int pairs = d / 2;
        for (int row = lo; row < hi; row++) {
            int pos = offset + row % t;
            int base = row * d;
            for (int i = 0; i < pairs; i++) {
                float c = cos[pos * pairs + i];
                float s = sign * sin[pos * pairs + i];
                float x1 = x[base + i];
                float x2 = x[base + pairs + i];
                float r1 = x1 * c - x2 * s;
                float r2 = x2 * c + x1 * s;
                if (accumulate != 0) {
                    y[base + i] += r1;
                    y[base + pairs + i] += r2;
                } else {
                    y[base + i] = r1;
                    y[base + pairs + i] = r2;
                }
            }
        }
    }
}
