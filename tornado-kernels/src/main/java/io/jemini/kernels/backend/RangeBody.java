package io.jemini.kernels.backend;

/** The body of a parallel loop: processes the indices {@code [lo, hi)} of the outer dimension. */
@FunctionalInterface
public interface RangeBody {
    void run(int lo, int hi);
}
