package io.jemini.engine.autograd;

import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Activation checkpointing: runs a function without recording its graph and, in the backward
 * pass, runs it again with the graph on and back-propagates through that copy. Only the input is
 * kept between the passes, so a stack of checkpointed blocks holds one activation per block
 * instead of every intermediate.
 *
 * <p>A segment may return side outputs beside its main output (a mixture-of-experts block's
 * auxiliary losses) and may draw random numbers (router jitter): the side outputs join the graph
 * and their gradients reach the same recomputation, and the recomputation replays the draws from
 * the generator state the first pass started at, so it sees exactly what the first pass saw.
 */
public final class ActivationCheckpoint {
    private ActivationCheckpoint() {
    }

    /** A checkpointed function of {@code x}: its main output first, then any side outputs; random draws come from {@code rng}. */
    @FunctionalInterface
    public interface Segment {
        Tensor[] apply(Tensor x, Rng rng);
    }

    /**
     * Runs {@code f} on {@code x} and {@code rng} (which may be null, and is advanced as if
     * {@code f} had run without checkpointing) and returns its outputs, recorded so that one
     * backward over any of them recomputes {@code f} once.
     *
     * @param params the parameters {@code f} reads, whose gradients the recomputation accumulates
     */
    public static Tensor[] apply(String op, Tensor x, Rng rng, Segment f, Collection<Tensor> params) {
        if (!GradMode.isEnabled()) {
            return f.apply(x, rng);
        }
        long start = rng == null ? 0 : rng.state();
        Tensor[] outputs;
        try (var noGrad = GradMode.disabled()) {
            outputs = f.apply(x, rng);
        }
        Tensor[] inputs = new Tensor[params.size() + 1];
        inputs[0] = x;
        int i = 1;
        for (Tensor p : params) {
            inputs[i++] = p;
        }
        float[][] sideGradients = new float[outputs.length][];
        Graph.record(op, outputs[0], inputs, g -> {
            Tensor again = x.detach().requiresGrad(true);
            Tensor[] redone;
            try (var grad = GradMode.enabled()) {
                redone = f.apply(again, rng == null ? null : new Rng(start));
            }
            sideGradients[0] = g;
            List<Tensor> roots = new ArrayList<>();
            List<float[]> seeds = new ArrayList<>();
            for (int s = 0; s < redone.length; s++) {
                if (sideGradients[s] != null && redone[s].requiresGrad()) {
                    roots.add(redone[s]);
                    seeds.add(sideGradients[s]);
                }
            }
            Graph.backward(roots, seeds);
            if (x.requiresGrad() && again.gradData() != null) {
                x.accumulateGrad(again.gradData());
            }
        }, x);
        for (int s = 1; s < outputs.length; s++) {
            int index = s;
            Graph.record(op + "_side_output", outputs[s], new Tensor[] {outputs[0]}, g -> sideGradients[index] = g.clone());
        }
        return outputs;
    }
}
