package io.jemini.experts.golden;

import static io.jemini.engine.testing.GradCheck.compare;

import io.jemini.engine.io.DType;
import io.jemini.engine.io.Safetensors;
import io.jemini.engine.tensor.Tensor;
import io.jemini.experts.layer.MoeLayer;
import io.jemini.experts.routing.MoeConfig;
import java.net.URISyntaxException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A whole MoE layer, both dispatch modes, with padding, forward and backward against PyTorch (float64). */
class MoeGoldenTest {
    @ParameterizedTest
    @ValueSource(strings = {"moe_dropless_padded", "moe_capacity_padded", "moe_capacity_raw_gates"})
    void matchesPyTorch(String name) throws URISyntaxException {
        Safetensors st = Safetensors.read(Path.of(getClass().getResource("/golden/" + name + ".safetensors").toURI()));
        Map<String, String> m = st.metadata();
        Tensor x = leaf(st, "x");
        Tensor router = leaf(st, "router");
        Tensor gate = leaf(st, "gate");
        Tensor up = leaf(st, "up");
        Tensor down = leaf(st, "down");
        MoeConfig cfg = new MoeConfig(router.dim(0), Integer.parseInt(m.get("top_k")), gate.dim(1), m.get("dispatch"),
                Double.parseDouble(m.get("capacity_factor")), Boolean.parseBoolean(m.get("renormalize")), 0, 0, 0,
                Double.parseDouble(m.get("aux_coef")), Double.parseDouble(m.get("z_coef")));
        MoeLayer.Output o = MoeLayer.apply(x, router, new float[cfg.experts()], gate, up, down, List.of(), cfg, false,
                st.floats("valid"), null);
        compare(name + " out", d(o.out().data()), f64(st, "out"), 2e-5);
        compare(name + " balancing loss", d(o.loadBalancingLoss().data()), f64(st, "load_balancing"), 2e-6);
        compare(name + " z loss", d(o.zLoss().data()), f64(st, "z_loss"), 2e-6);
        Tensor aux = o.loadBalancingLoss().mul((float) cfg.auxCoef()).add(o.zLoss().mul((float) cfg.zCoef()));
        Tensor total = o.out().mul(Tensor.of(st.floats("grad.out"), st.shape("grad.out"))).sum().add(aux);
        total.backward();
        for (String p : new String[] {"x", "router", "gate", "up", "down"}) {
            Tensor t = Map.of("x", x, "router", router, "gate", gate, "up", up, "down", down).get(p);
            compare(name + " grad " + p, d(t.gradData()), f64(st, "grad." + p), 1e-4);
        }
    }

    private static Tensor leaf(Safetensors st, String name) {
        return Tensor.of(st.floats(name), st.shape(name)).requiresGrad(true);
    }

    private static double[] f64(Safetensors st, String name) {
        Safetensors.Entry e = st.entry(name);
        if (e.dtype() != DType.F64) {
            return d(st.floats(name));
        }
        double[] out = new double[e.numel()];
        var b = e.bytes().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getDouble(i * 8);
        }
        return out;
    }

    private static double[] d(float[] f) {
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }
}
