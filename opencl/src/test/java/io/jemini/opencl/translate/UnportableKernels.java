package io.jemini.opencl.translate;

/** Negative controls: kernels outside the portable subset, which translation must refuse by name. */
public final class UnportableKernels {
    private UnportableKernels() {
    }

    /** Uses {@code break}, which Aparapi cannot translate. */
    public static void firstNegative(float[] x, int[] first, int r, int lo, int hi) {
        for (int row = lo; row < hi; row++) {
            first[row] = -1;
            for (int k = 0; k < r; k++) {
                if (x[row * r + k] < 0.0f) {
                    first[row] = k;
                    break;
                }
            }
        }
    }

    /** Calls {@code Math.signum}, which has no OpenCL mapping. */
    public static void signum(float[] x, float[] y, int lo, int hi) {
        for (int i = lo; i < hi; i++) {
            y[i] = Math.signum(x[i]);
        }
    }
}
