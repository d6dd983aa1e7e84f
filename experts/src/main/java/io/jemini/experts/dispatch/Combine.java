package io.jemini.experts.dispatch;

import io.jemini.engine.autograd.Graph;
import io.jemini.engine.tensor.ShapeException;
import io.jemini.engine.tensor.Tensor;
import io.jemini.kernels.MoeKernels;
import io.jemini.kernels.backend.JvmBackend;

/**
 * The MoE combine: each token's output is the gate-weighted sum of its experts' rows,
 * {@code out[t] = sum_j gate[t, j] * rows[position[t*k + j]]}; dropped assignments (position -1)
 * contribute nothing. Differentiable in the rows and the gates.
 */
public final class Combine {
    private Combine() {
    }

    public static Tensor apply(Tensor rows, Tensor gates, int[] position) {
        int tokens = gates.dim(0);
        int k = gates.dim(1);
        int dim = rows.dim(1);
        if (position.length != tokens * k) {
            throw new ShapeException("combine: " + position.length + " positions for gates " + gates.shape());
        }
        Tensor out = Tensor.zeros(tokens, dim);
        JvmBackend.current().parallelFor(tokens, Math.max(1, 8192 / Math.max(1, k * dim)),
                (lo, hi) -> MoeKernels.combine(rows.data(), position, gates.data(), out.data(), k, dim, lo, hi));
        return Graph.record("moe_combine", out, new Tensor[] {rows, gates}, g -> {
            int withRows = rows.requiresGrad() ? 1 : 0;
            int withGate = gates.requiresGrad() ? 1 : 0;
            float[] dRows = withRows != 0 ? rows.gradBuffer() : new float[0];
            float[] dGate = withGate != 0 ? gates.gradBuffer() : new float[0];
            JvmBackend.current().parallelFor(tokens, Math.max(1, 8192 / Math.max(1, k * dim)), (lo, hi) ->
                    MoeKernels.combineBackward(rows.data(), position, gates.data(), g, dRows, dGate, withRows, withGate, k, dim,
                            lo, hi));
        }, rows, gates);
    }
}
