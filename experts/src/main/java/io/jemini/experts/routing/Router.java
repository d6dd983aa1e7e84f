package io.jemini.experts.routing;

import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.launch.Host;
import io.jemini.engine.launch.MoeLaunch;
import io.jemini.engine.nn.Module;
import io.jemini.engine.ops.Indexing;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.ops.LinearAlgebra;
import io.jemini.engine.ops.Reductions;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
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
        Tensor selection;
        try (var noGrad = GradMode.disabled()) {
            selection = probs.detach().add(Tensor.of(bias.clone(), experts));
        }
        int[] index = new int[tokens * k];
        MoeLaunch.topK(tokens, 128, selection.buffer(), experts, k, index);
        Tensor gates = Indexing.gather(probs, 1, Indices.of(index, tokens, k));
        if (config.renormalize() && k > 1) {
            gates = gates.div(Reductions.sum(gates, 1, true));
        }
        int assignments = tokens * k;
        int[] routed = new int[experts];
        MoeLaunch.histogram(experts, 32768, index, assignments, routed);
        Host.read(routed);
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
        int[] order = capacity < 0 ? new int[0] : config.dropOrder().priority(tokens, k, probs.read(), experts);
        MoeLaunch.dispatch(experts, 32768, index, order, assignments, k, offsets, capacity, position, tokenOfRow);
        return new Routing(logits, probs, index, gates, position, tokenOfRow, routed, kept, offsets);
    }

    /** A sum in double overflows for no float input, so it is finite exactly when every logit is. */
    private static void checkFinite(Tensor logits) {
        if (!Double.isFinite(Reductions.sumOf(logits.buffer()))) {
            throw new ArithmeticException("router logits contain NaN or infinity (the layer's input or router weight is not finite)");
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
