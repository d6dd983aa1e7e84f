package io.jemini.experts.layer;

import io.jemini.engine.config.Checks;
import io.jemini.engine.nn.Auxiliary;
import io.jemini.engine.nn.FeedForward;
import io.jemini.engine.nn.ForwardContext;
import io.jemini.engine.nn.Module;
import io.jemini.engine.nn.SwiGlu;
import io.jemini.engine.ops.Indexing;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import io.jemini.experts.dispatch.Combine;
import io.jemini.experts.dispatch.GroupedMatmul;
import io.jemini.experts.routing.BalancingLosses;
import io.jemini.experts.routing.MoeConfig;
import io.jemini.experts.routing.Router;
import io.jemini.experts.routing.Routing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sparse mixture-of-experts feed-forward layer: a router sends each token to k of E SwiGLU
 * experts, tokens are gathered into expert-sorted rows (dropless, or capacity-limited with drops
 * passing through as zero), each expert runs one dense matmul over its slice (grouped GEMM), and
 * the gate-weighted expert outputs are added back per token, plus any shared experts.
 *
 * <p>Parameters: {@code router.weight [E, dim]}, {@code experts.gate}, {@code experts.up}
 * {@code [E, hidden, dim]}, {@code experts.down [E, dim, hidden]}, {@code shared.<i>.…}.
 */
public final class MoeLayer extends Module implements FeedForward {
    /** The layer's output and what the router did, with its two auxiliary losses (unweighted). */
    public record Output(Tensor out, Tensor loadBalancingLoss, Tensor zLoss, Routing routing) {
    }

    private final MoeConfig config;
    private final Router router;
    private final Tensor gate;
    private final Tensor up;
    private final Tensor down;
    private final List<SwiGlu> shared = new ArrayList<>();
    private final String name;

    public MoeLayer(int dim, MoeConfig config, Rng rng) {
        this("moe", dim, config, rng);
    }

    /** {@code name} labels this layer's metrics and errors (e.g. {@code blocks.3.ffn}). */
    public MoeLayer(String name, int dim, MoeConfig config, Rng rng) {
        this.name = name;
        Checks checks = new Checks();
        config.check(checks, "");
        if (!checks.problems().isEmpty()) {
            throw new IllegalArgumentException("MoE layer: " + String.join("; ", checks.problems()));
        }
        this.config = config;
        this.router = child("router", new Router(dim, config, rng));
        Experts experts = child("experts", new Experts(config.experts(), dim, config.hidden(), rng));
        this.gate = experts.gate;
        this.up = experts.up;
        this.down = experts.down;
        for (int i = 0; i < config.sharedExperts(); i++) {
            shared.add(child("shared." + i, new SwiGlu(dim, config.hidden(), rng)));
        }
    }

    /** The stacked expert weights, registered as {@code experts.gate|up|down}. */
    private static final class Experts extends Module {
        final Tensor gate;
        final Tensor up;
        final Tensor down;

        Experts(int count, int dim, int hidden, Rng rng) {
            float inBound = (float) (1 / Math.sqrt(dim));
            float hiddenBound = (float) (1 / Math.sqrt(hidden));
            gate = parameter("gate", Tensor.uniform(rng, -inBound, inBound, count, hidden, dim));
            up = parameter("up", Tensor.uniform(rng, -inBound, inBound, count, hidden, dim));
            down = parameter("down", Tensor.uniform(rng, -hiddenBound, hiddenBound, count, dim, hidden));
        }
    }

    public MoeConfig config() {
        return config;
    }

    public Router router() {
        return router;
    }

    /** Inference forward: the output only. */
    @Override
    public Tensor forward(Tensor x) {
        return compute(x, null, null).out();
    }

    /**
     * Forward within a context: router jitter from its noise; the weighted auxiliary losses and the
     * routing metrics reported to it.
     */
    @Override
    public Tensor forward(Tensor x, ForwardContext context) {
        Output o;
        try {
            o = compute(x, null, context.noise());
        } catch (ArithmeticException e) {
            throw new ArithmeticException("MoE layer " + name + ": " + e.getMessage());
        }
        Routing r = o.routing();
        if (!context.collects()) {
            return o.out();
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("aux_loss", (double) o.loadBalancingLoss().item());
        metrics.put("z_loss", (double) o.zLoss().item());
        metrics.put("drop_rate", (double) r.dropped() / (r.tokens() * r.k()));
        int[] droppedPerChoice = r.droppedPerChoice();
        for (int j = 0; j < droppedPerChoice.length; j++) {
            metrics.put("drop_rate_choice" + (j + 1), (double) droppedPerChoice[j] / r.tokens());
        }
        metrics.put("router_entropy", entropy(r.probs()));
        Tensor weighted = o.loadBalancingLoss().mul((float) config.auxCoef()).add(o.zLoss().mul((float) config.zCoef()));
        context.report(new Auxiliary(name, weighted, metrics, r.routed(), r.index()));
        return o.out();
    }

    private static double entropy(Tensor probs) {
        float[] p = probs.read();
        double h = 0;
        for (float v : p) {
            if (v > 0) {
                h -= v * Math.log(v);
            }
        }
        return h / probs.dim(0);
    }

    /** Auxiliary-loss-free balancing: moves the selection bias by this layer's routed load over the step. */
    @Override
    public void afterStep(List<Auxiliary> step) {
        if (config.biasUpdate() > 0) {
            step.stream().filter(a -> a.layer().equals(name) && a.load() != null).findFirst()
                    .ifPresent(a -> router.updateBias(a.load()));
        }
    }

    /**
     * @param x     {@code [..., dim]}
     * @param valid per-token 1/0 (0 marks padding, excluded from the auxiliary losses), or null
     * @param rng   jitter noise in training (may be null when jitter is off)
     */
    public Output compute(Tensor x, float[] valid, Rng rng) {
        return apply(x, router.weight(), router.bias(), gate, up, down, shared, config, isTraining(), valid, rng);
    }

    /** The layer as a function of explicit parameters (what {@link #compute} calls with its own). */
    public static Output apply(Tensor x, Tensor routerWeight, float[] bias, Tensor gate, Tensor up, Tensor down,
                               List<SwiGlu> shared, MoeConfig config, boolean training, float[] valid, Rng rng) {
        int dim = x.dim(-1);
        Tensor flat = x.reshape(-1, dim);
        Routing r = Router.route(flat, routerWeight, bias, config, training, rng);
        Tensor rows = Indexing.indexSelect(flat, 0, r.tokenOfRow());
        int[] offsets = r.offsets();
        int[] counts = r.kept();
        Tensor hidden = GroupedMatmul.apply(rows, gate, offsets, counts).silu()
                .mul(GroupedMatmul.apply(rows, up, offsets, counts));
        Tensor expertOut = GroupedMatmul.apply(hidden, down, offsets, counts);
        Tensor out = Combine.apply(expertOut, r.gates(), r.position());
        for (SwiGlu s : shared) {
            out = out.add(s.forward(flat));
        }
        return new Output(out.reshape(x.dims()), BalancingLosses.loadBalancing(r, valid), BalancingLosses.zLoss(r, valid),
                r);
    }
}
