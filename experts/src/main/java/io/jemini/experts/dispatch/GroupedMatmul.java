package io.jemini.experts.dispatch;

import io.jemini.engine.autograd.Graph;
import io.jemini.engine.ops.Gemm;
import io.jemini.engine.ops.MatrixView;
import io.jemini.engine.tensor.ShapeException;
import io.jemini.engine.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The grouped GEMM of dropless MoE: rows {@code [N, in]} sorted by expert, expert e owning rows
 * {@code offsets[e] … offsets[e] + counts[e] - 1}, times that expert's weight {@code [out, in]}
 * (transposed, as in {@code Linear}) from {@code weights [E, out, in]}. One dense matmul per
 * expert over its contiguous slice, all experts' products in one parallel pass
 * ({@link Gemm#multiplyAll}); no padding and no dropping.
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
        List<Gemm.Product> forward = new ArrayList<>();
        for (int e = 0; e < counts.length; e++) {
            if (counts[e] > 0) {
                // Y_e = X_e · W_eᵀ
                forward.add(new Gemm.Product(slice(rows.buffer(), offsets[e], counts[e], in),
                        weight(weights.buffer(), e, out, in).t(), slice(y.buffer(), offsets[e], counts[e], out), false));
            }
        }
        Gemm.multiplyAll(forward);
        return Graph.record("grouped_matmul", y, new Tensor[] {rows, weights}, g -> {
            List<Gemm.Product> backward = new ArrayList<>();
            for (int e = 0; e < counts.length; e++) {
                if (counts[e] == 0) {
                    continue;
                }
                MatrixView dY = slice(g, offsets[e], counts[e], out);
                if (rows.requiresGrad()) {
                    // dX_e += dY_e · W_e
                    backward.add(new Gemm.Product(dY, weight(weights.buffer(), e, out, in),
                            slice(rows.gradBuffer(), offsets[e], counts[e], in), true));
                }
                if (weights.requiresGrad()) {
                    // dW_e += dY_eᵀ · X_e
                    backward.add(new Gemm.Product(dY.t(), slice(rows.buffer(), offsets[e], counts[e], in),
                            weight(weights.gradBuffer(), e, out, in), true));
                }
            }
            Gemm.multiplyAll(backward);
        }, rows, weights);
    }

    /** Rows {@code first …} of a row-major {@code [N, cols]} array: one expert's slice. */
    private static MatrixView slice(float[] data, int first, int count, int cols) {
        return MatrixView.of(data, first * cols, count, cols);
    }

    /** Expert {@code e}'s {@code [out, in]} matrix of a {@code [E, out, in]} array. */
    private static MatrixView weight(float[] data, int e, int out, int in) {
        return MatrixView.of(data, e * out * in, out, in);
    }
}
