package io.jemini.experts.dispatch;

import io.jemini.engine.autograd.Graph;
import io.jemini.engine.launch.MoeLaunch;
import io.jemini.engine.tensor.ShapeException;
import io.jemini.engine.tensor.Tensor;

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
        MoeLaunch.combine(tokens, 4 * k * dim, rows.buffer(), position, gates.buffer(), out.buffer(), k, dim);
        return Graph.record("moe_combine", out, new Tensor[] {rows, gates}, g -> {
            int withRows = rows.requiresGrad() ? 1 : 0;
            int withGate = gates.requiresGrad() ? 1 : 0;
            float[] dRows = withRows != 0 ? rows.gradBuffer() : new float[0];
            float[] dGate = withGate != 0 ? gates.gradBuffer() : new float[0];
            MoeLaunch.combineBackward(tokens, 4 * k * dim, rows.buffer(), position, gates.buffer(), g, dRows, dGate, withRows,
                    withGate, k, dim);
        }, rows, gates);
    }
}
