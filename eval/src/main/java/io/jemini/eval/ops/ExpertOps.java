package io.jemini.eval.ops;

import static io.jemini.eval.ops.OpSpec.Input.optional;
import static io.jemini.eval.ops.OpSpec.Input.tensor;

import io.jemini.engine.config.ConfigChoice;
import io.jemini.engine.launch.Host;
import io.jemini.engine.tensor.Tensor;
import io.jemini.eval.ops.OpSpec.Attribute;
import io.jemini.experts.layer.MoeLayer;
import io.jemini.experts.routing.BalancingLosses;
import io.jemini.experts.routing.Dispatch;
import io.jemini.experts.routing.DropOrder;
import io.jemini.experts.routing.MoeConfig;
import io.jemini.experts.routing.Router;
import io.jemini.experts.routing.Routing;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The MoE router, layer and losses as {@code jemini op} entries. */
public final class ExpertOps {
    private ExpertOps() {
    }

    public static OpRegistry registerAll(OpRegistry r) {
        List<Attribute> routing = List.of(new Attribute("top_k", "int", "2", "experts per token"),
                new Attribute("renormalize", "bool", "true", "renormalise gates over the chosen k"),
                new Attribute("dispatch", "dropless|capacity", "dropless", "token dropping policy"),
                new Attribute("capacity_factor", "float", "1.25", "C = ceil(factor * T * k / E) with capacity dispatch"),
                new Attribute("drop_order", "choice|token|score", "choice", "which assignments claim capacity first: every "
                        + "first choice before any second, (token, choice) order, or tokens by top probability"));
        r.register(new OpSpec("moe_router", "softmax router with top-k (ties to the lower index); outputs gates [T, k], "
                + "index [T, k] (as floats), probs [T, E] and position [T, k] (row in the expert-sorted buffer, -1 dropped)",
                List.of(tensor("x", "[T, dim]"), tensor("weight", "[E, dim]")), routing, c -> {
                    Routing rt = route(c);
                    Map<String, Tensor> out = new LinkedHashMap<>();
                    out.put("gates", rt.gates());
                    out.put("index", ints(rt.index(), rt.tokens(), rt.k()));
                    out.put("probs", rt.probs());
                    out.put("position", ints(rt.position(), rt.tokens(), rt.k()));
                    return out;
                }));
        List<Attribute> layer = new java.util.ArrayList<>(routing);
        layer.add(new Attribute("aux_coef", "float", "0.01", "weight of the load-balancing loss in 'aux'"));
        layer.add(new Attribute("z_coef", "float", "0.001", "weight of the router z-loss in 'aux'"));
        r.register(new OpSpec("moe_layer", "sparse MoE SwiGLU layer; outputs out [T, dim] and aux (weighted balancing + "
                + "z loss, padding excluded)",
                List.of(tensor("x", "[T, dim]"), tensor("router", "[E, dim]"), tensor("gate", "[E, hidden, dim]"),
                        tensor("up", "[E, hidden, dim]"), tensor("down", "[E, dim, hidden]"),
                        optional("valid", "[T], 1 for counted tokens, 0 for padding")), layer, c -> {
                    MoeConfig cfg = config(c, c.tensor("router").dim(0), c.tensor("gate").dim(1));
                    Tensor valid = c.tensor("valid");
                    MoeLayer.Output o = MoeLayer.apply(c.tensor("x"), c.tensor("router"), new float[cfg.experts()],
                            c.tensor("gate"), c.tensor("up"), c.tensor("down"), List.of(), cfg, false,
                            valid == null ? null : valid.detach().data(), null);
                    Map<String, Tensor> out = new LinkedHashMap<>();
                    out.put("out", o.out());
                    out.put("aux", o.loadBalancingLoss().mul((float) cfg.auxCoef()).add(o.zLoss().mul((float) cfg.zCoef())));
                    return out;
                }));
        r.register(new OpSpec("load_balancing_loss", "E * sum_i f_i * P_i from router logits (1 under uniform routing)",
                List.of(tensor("logits", "[T, E] router logits")), List.of(new Attribute("top_k", "int", "2", "experts per token")),
                c -> Map.of("out", BalancingLosses.loadBalancing(fromLogits(c, c.intAttr("top_k")), null))));
        r.register(new OpSpec("router_z_loss", "mean over tokens of logsumexp(logits)^2",
                List.of(tensor("logits", "[T, E] router logits")), List.of(), c -> Map.of("out", BalancingLosses.zLoss(
                        fromLogits(c, 1), null))));
        return r;
    }

    private static MoeConfig config(OpCall c, int experts, int hidden) {
        double aux = c.attributeOr("aux_coef", "0");
        double z = c.attributeOr("z_coef", "0");
        return MoeConfig.of(experts, c.intAttr("top_k"), hidden)
                .withDispatch(ConfigChoice.parse(Dispatch.class, c.attribute("dispatch")), c.floatAttr("capacity_factor"))
                .withDropOrder(ConfigChoice.parse(DropOrder.class, c.attribute("drop_order")))
                .withRenormalize(c.boolAttr("renormalize"))
                .withLosses(aux, z);
    }

    private static Routing route(OpCall c) {
        MoeConfig cfg = config(c, c.tensor("weight").dim(0), 1);
        return Router.route(c.tensor("x"), c.tensor("weight"), new float[cfg.experts()], cfg, false, null);
    }

    /** A top-{@code k} routing whose logits are the given tensor (identity router over one-hot inputs). */
    private static Routing fromLogits(OpCall c, int k) {
        Tensor logits = c.tensor("logits");
        int experts = logits.dim(1);
        float[] eye = new float[experts * experts];
        for (int e = 0; e < experts; e++) {
            eye[e * experts + e] = 1;
        }
        MoeConfig cfg = MoeConfig.of(experts, k, 1);
        return Router.route(logits, Tensor.of(eye, experts, experts), new float[experts], cfg, false, null);
    }

    private static Tensor ints(int[] array, int rows, int cols) {
        int[] values = Host.read(array);
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = values[i];
        }
        return Tensor.of(f, rows, cols);
    }
}
