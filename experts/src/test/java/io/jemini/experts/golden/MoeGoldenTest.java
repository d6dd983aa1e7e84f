package io.jemini.experts.golden;

import static io.jemini.engine.testing.Golden.doubles;
import static io.jemini.engine.testing.Golden.toDouble;
import static io.jemini.engine.testing.GradCheck.compare;

import io.jemini.engine.config.ConfigChoice;
import io.jemini.engine.io.Safetensors;
import io.jemini.engine.tensor.Tensor;
import io.jemini.engine.testing.Golden;
import io.jemini.experts.layer.MoeLayer;
import io.jemini.experts.routing.Dispatch;
import io.jemini.experts.routing.DropOrder;
import io.jemini.experts.routing.MoeConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A whole MoE layer, both dispatch modes, with padding, forward and backward against PyTorch (float64). */
class MoeGoldenTest {
    @ParameterizedTest
    @ValueSource(strings = {"moe_dropless_padded", "moe_capacity_padded", "moe_capacity_raw_gates", "moe_capacity_choice_order",
        "moe_capacity_score_order"})
    void matchesPyTorch(String name) {
        Safetensors st = Golden.load(getClass(), name);
        Map<String, String> m = st.metadata();
        Tensor x = leaf(st, "x");
        Tensor router = leaf(st, "router");
        Tensor gate = leaf(st, "gate");
        Tensor up = leaf(st, "up");
        Tensor down = leaf(st, "down");
        MoeConfig cfg = MoeConfig.of(router.dim(0), Integer.parseInt(m.get("top_k")), gate.dim(1))
                .withDispatch(ConfigChoice.parse(Dispatch.class, m.get("dispatch")), Double.parseDouble(m.get("capacity_factor")))
                .withDropOrder(ConfigChoice.parse(DropOrder.class, m.getOrDefault("drop_order", "token")))
                .withRenormalize(Boolean.parseBoolean(m.get("renormalize")))
                .withLosses(Double.parseDouble(m.get("aux_coef")), Double.parseDouble(m.get("z_coef")));
        MoeLayer.Output o = MoeLayer.apply(x, router, new float[cfg.experts()], gate, up, down, List.of(), cfg, false,
                st.floats("valid"), null);
        compare(name + " out", toDouble(o.out().data()), doubles(st, "out"), 2e-5);
        compare(name + " balancing loss", toDouble(o.loadBalancingLoss().data()), doubles(st, "load_balancing"), 2e-6);
        compare(name + " z loss", toDouble(o.zLoss().data()), doubles(st, "z_loss"), 2e-6);
        Tensor aux = o.loadBalancingLoss().mul((float) cfg.auxCoef()).add(o.zLoss().mul((float) cfg.zCoef()));
        Tensor total = o.out().mul(Tensor.of(st.floats("grad.out"), st.shape("grad.out"))).sum().add(aux);
        total.backward();
        for (String p : new String[] {"x", "router", "gate", "up", "down"}) {
            Tensor t = Map.of("x", x, "router", router, "gate", gate, "up", up, "down", down).get(p);
            compare(name + " grad " + p, toDouble(t.gradData()), doubles(st, "grad." + p), 1e-4);
        }
    }

    private static Tensor leaf(Safetensors st, String name) {
        return Tensor.of(st.floats(name), st.shape(name)).requiresGrad(true);
    }
}
