package io.jemini.experts.dispatch;

import io.jemini.engine.autograd.Graph;
import io.jemini.engine.ops.Gemm;
import io.jemini.engine.tensor.ShapeException;
import io.jemini.engine.tensor.Tensor;

/**
 * The grouped GEMM of dropless MoE: rows {@code [N, in]} sorted by expert, expert e owning rows
 * {@code offsets[e] … offsets[e] + counts[e] - 1}, times that expert's weight {@code [out, in]}
 * (transposed, as in {@code Linear}) from {@code weights [E, out, in]}. One dense matmul per
 * expert over its contiguous slice; no padding and no dropping.
 */
public final class GroupedMatmul {
    private GroupedMatmul() {
    }

    public static Tensor apply(Tensor rows, Tensor weights, int[] offsets, int[] counts) {
        if (rows.rank() != 2 || weights.rank() != 3 || rows.dim(1) != weights.dim(2) || counts.length != weights.dim(0)) {
            throw new ShapeException("grouped_matmul: rows " + rows.shape() + " and weights " + weights.shape()
                    + " must be [N, in] and [E, out, in] with " + counts.length + " groups");
        }
        int in = rows.dim(1);
        int out = weights.dim(1);
        int n = rows.dim(0);
        Tensor y = Tensor.zeros(n, out);
        int wStride = out * in;
        for (int e = 0; e < counts.length; e++) {
            if (counts[e] > 0) {
                Gemm.run(rows.buffer(), offsets[e] * in, in, false, weights.buffer(), e * wStride, in, true, y.buffer(),
                        offsets[e] * out, out, counts[e], out, in, false);
            }
        }
        return Graph.record("grouped_matmul", y, new Tensor[] {rows, weights}, g -> {
            for (int e = 0; e < counts.length; e++) {
                if (counts[e] == 0) {
                    continue;
                }
                if (rows.requiresGrad()) {
                    Gemm.run(g, offsets[e] * out, out, false, weights.buffer(), e * wStride, in, false, rows.gradBuffer(),
                            offsets[e] * in, in, counts[e], in, out, true);
                }
                if (weights.requiresGrad()) {
                    Gemm.run(g, offsets[e] * out, out, true, rows.buffer(), offsets[e] * in, in, false, weights.gradBuffer(),
                            e * wStride, in, out, in, counts[e], true);
                }
            }
        }, rows, weights);
    }
}
