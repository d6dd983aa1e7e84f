package io.jemini.engine.autograd;

import io.jemini.engine.tensor.Tensor;
import java.util.Collection;
import java.util.function.UnaryOperator;

/**
 * Activation checkpointing: runs a function without recording its graph and, in the backward
 * pass, runs it again with the graph on and back-propagates through that copy. Only the input is
 * kept between the passes, so a stack of checkpointed blocks holds one activation per block
 * instead of every intermediate. The function must be deterministic (no random draws).
 */
public final class Checkpoint {
    private Checkpoint() {
    }

    /**
     * @param params the parameters {@code f} reads, whose gradients the recomputation accumulates
     */
    public static Tensor apply(String op, Tensor x, UnaryOperator<Tensor> f, Collection<Tensor> params) {
        if (!GradMode.isEnabled()) {
            return f.apply(x);
        }
        Tensor y;
        try (var noGrad = GradMode.disabled()) {
            y = f.apply(x);
        }
        Tensor[] inputs = new Tensor[params.size() + 1];
        inputs[0] = x;
        int i = 1;
        for (Tensor p : params) {
            inputs[i++] = p;
        }
        return Graph.record(op, y, inputs, g -> {
            Tensor again = x.detach().requiresGrad(true);
            Tensor out;
            try (var grad = GradMode.enabled()) {
                out = f.apply(again);
            }
            if (out.requiresGrad()) {
                out.backward(g);
            }
            if (x.requiresGrad() && again.gradData() != null) {
                x.accumulateGrad(again.gradData());
            }
        }, x);
    }
}
