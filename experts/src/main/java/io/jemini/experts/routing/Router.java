package io.jemini.experts.routing;

import io.jemini.engine.nn.Module;
import io.jemini.engine.ops.Indexing;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.ops.LinearAlgebra;
import io.jemini.engine.ops.Reductions;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import io.jemini.kernels.MoeKernels;
import io.jemini.kernels.backend.JvmBackend;
import java.util.Arrays;

/**
 * The learned router: float32 logits {@code x · Wᵀ} ({@code weight [E, dim]}, initialised with a
 * small standard deviation), softmax, top-k with ties to the lower index, gates renormalised over
 * the k or left raw (always raw with k = 1, as Switch), optional input jitter, and a per-expert
 * selection bias (DeepSeek-V3 auxiliary-loss-free balancing) that affects which experts are
 * chosen but not the gate values. The bias is part of the model: it is always applied, whether or
 * not it still moves ({@code bias_update > 0}). Then the stable dispatch, with capacity claimed in
 * the configured {@link DropOrder}.
 */
public final class Router extends Module {
    private final MoeConfig config;
    private final Tensor weight;
    private final float[] bias;

    public Router(int dim, MoeConfig config, Rng rng) {
        this.config = config;
        this.weight = parameter("weight", Tensor.randn(rng, 0.02f, config.experts(), dim));
        this.bias = buffer("bias", new float[config.experts()]);
    }

    /** The selection bias (state, not a parameter); checkpoints save it. */
    public float[] bias() {
        return bias;
    }

    public Tensor weight() {
        return weight;
    }

    /** Routes {@code x [tokens, dim]}; {@code jitterRng} is used (and may be null) only when training with jitter. */
    public Routing route(Tensor x, Rng jitterRng) {
        return route(x, weight, bias, config, isTraining(), jitterRng);
    }

    /** The routing function itself, over explicit parameters: {@code weight [E, dim]} and the selection bias. */
    public static Routing route(Tensor x, Tensor weight, float[] bias, MoeConfig config, boolean training, Rng jitterRng) {
        int tokens = x.dim(0);
        int experts = config.experts();
        int k = config.topK();
        Tensor input = x;
        if (training && config.jitter() > 0 && jitterRng != null) {
            float[] noise = new float[x.numel()];
            float eps = (float) config.jitter();
            for (int i = 0; i < noise.length; i++) {
                noise[i] = 1 - eps + 2 * eps * jitterRng.nextFloat();
            }
            input = x.mul(Tensor.of(noise, x.dims()));
        }
        Tensor logits = LinearAlgebra.matmul(input, weight, false, true);
        Tensor probs = logits.softmax(-1);
        checkFinite(logits);
        float[] sel = probs.data().clone();
        for (int t = 0; t < tokens; t++) {
            for (int e = 0; e < experts; e++) {
                sel[t * experts + e] += bias[e];
            }
        }
        int[] index = new int[tokens * k];
        JvmBackend.current().parallelFor(tokens, 256, (lo, hi) -> MoeKernels.topK(sel, experts, k, index, lo, hi));
        Tensor gates = Indexing.gather(probs, 1, Indices.of(index, tokens, k));
        if (config.renormalize() && k > 1) {
            gates = gates.div(Reductions.sum(gates, 1, true));
        }
        int assignments = tokens * k;
        int[] routed = new int[experts];
        JvmBackend.current().parallelFor(experts, 1, (lo, hi) -> MoeKernels.histogram(index, assignments, routed, lo, hi));
        int capacity = config.capacity(tokens);
        int[] kept = new int[experts];
        int[] offsets = new int[experts];
        int rows = 0;
        for (int e = 0; e < experts; e++) {
            kept[e] = capacity < 0 ? routed[e] : Math.min(routed[e], capacity);
            offsets[e] = rows;
            rows += kept[e];
        }
        int[] position = new int[assignments];
        int[] tokenOfRow = new int[rows];
        int[] order = capacity < 0 ? new int[0] : config.dropOrder().priority(tokens, k, probs.data(), experts);
        JvmBackend.current().parallelFor(experts, 1, (lo, hi) ->
                MoeKernels.dispatch(index, order, assignments, k, offsets, capacity, position, tokenOfRow, lo, hi));
        return new Routing(logits, probs, index, gates, position, tokenOfRow, routed, kept, offsets);
    }

    private static void checkFinite(Tensor logits) {
        for (float v : logits.data()) {
            if (!Float.isFinite(v)) {
                throw new ArithmeticException("router logits contain " + v + " (the layer's input or router weight is not finite)");
            }
        }
    }

    /**
     * Auxiliary-loss-free balancing after a step: {@code b_e += gamma * sign(mean load - load_e)}
     * from the routed counts of that step.
     */
    public void updateBias(int[] routed) {
        double mean = Arrays.stream(routed).average().orElse(0);
        float gamma = (float) config.biasUpdate();
        for (int e = 0; e < bias.length; e++) {
            bias[e] += gamma * Math.signum((float) (mean - routed[e]));
        }
    }
}
