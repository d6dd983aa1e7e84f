package io.jemini.experts.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.config.ConfigChoice;
import io.jemini.engine.nn.ForwardContext;
import io.jemini.engine.nn.SwiGlu;
import io.jemini.engine.ops.Shapes;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import io.jemini.engine.testing.DArray;
import io.jemini.engine.testing.GradCheck;
import io.jemini.experts.routing.Dispatch;
import io.jemini.experts.routing.DropOrder;
import io.jemini.experts.routing.MoeConfig;
import io.jemini.experts.routing.Routing;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The invariants of moe.md §6, finite-difference gradients against a double reference, and equivalences. */
class MoeLayerTest {
    private static MoeConfig config(int e, int k, String dispatch, double cf, boolean renorm) {
        return MoeConfig.of(e, k, 12).withDispatch(ConfigChoice.parse(Dispatch.class, dispatch), cf).withRenormalize(renorm)
                .withLosses(0.01, 0.001);
    }

    private static Tensor input(int tokens, int dim, long seed) {
        return Tensor.randn(new Rng(seed), 1f, tokens, dim);
    }

    @ParameterizedTest(name = "E={0} k={1} {2} cf={3} renormalize={4}")
    @CsvSource({"4,2,dropless,0,true", "4,2,capacity,1.0,true", "8,2,capacity,1.25,true", "6,1,capacity,1.0,false",
            "5,3,capacity,0.5,true", "8,8,dropless,0,false"})
    void routingInvariants(int e, int k, String dispatch, double cf, boolean renorm) {
        MoeLayer layer = new MoeLayer(10, config(e, k, dispatch, cf, renorm), new Rng(e * 10L + k));
        int tokens = 37;
        Routing r = layer.compute(input(tokens, 10, 3), null, null).routing();
        int capacity = layer.config().capacity(tokens);
        float[] gates = r.gates().data();
        for (int t = 0; t < tokens; t++) {
            Set<Integer> distinct = new HashSet<>();
            double sum = 0;
            for (int j = 0; j < k; j++) {
                assertTrue(distinct.add(r.index()[t * k + j]), "distinct top-k at token " + t);
                assertTrue(gates[t * k + j] >= 0);
                sum += gates[t * k + j];
                if (j > 0) {
                    float prev = r.probs().data()[t * e + r.index()[t * k + j - 1]];
                    float cur = r.probs().data()[t * e + r.index()[t * k + j]];
                    assertTrue(prev >= cur, "top-k in decreasing order");
                }
            }
            assertTrue(renorm && k > 1 ? Math.abs(sum - 1) < 1e-5 : sum <= 1 + 1e-6, "gate sum " + sum);
        }
        int kept = 0;
        for (int x = 0; x < e; x++) {
            if (capacity >= 0) {
                assertTrue(r.kept()[x] <= capacity, "count <= C");
            }
            assertEquals(Math.min(r.routed()[x], capacity < 0 ? Integer.MAX_VALUE : capacity), r.kept()[x]);
            kept += r.kept()[x];
        }
        assertEquals(tokens * k, kept + r.dropped(), "kept + dropped = k*T");
        if (dispatch.equals("dropless")) {
            assertEquals(0, r.dropped());
        }
    }

    @ParameterizedTest
    @EnumSource(DropOrder.class)
    void theDropOrderDecidesWhichAssignmentsKeepTheirSlots(DropOrder order) {
        int e = 4;
        int k = 2;
        int tokens = 30;
        MoeConfig cfg = MoeConfig.of(e, k, 12).withCapacity(0.5).withDropOrder(order);
        Routing r = new MoeLayer(6, cfg, new Rng(1)).compute(input(tokens, 6, 4), null, null).routing();
        int capacity = cfg.capacity(tokens);
        float[] probs = r.probs().data();
        int[] priority = order.priority(tokens, k, probs, e);
        int[] claimed = new int[e];
        boolean[] kept = new boolean[tokens * k];
        for (int a : priority) {
            kept[a] = claimed[r.index()[a]]++ < capacity;
        }
        for (int a = 0; a < tokens * k; a++) {
            assertEquals(kept[a], r.position()[a] >= 0, order + ": assignment " + a);
        }
        for (int x = 0; x < e; x++) {
            int lastRow = -1;
            for (int a = 0; a < tokens * k; a++) {
                if (r.index()[a] == x && r.position()[a] >= 0) {
                    assertTrue(r.position()[a] > lastRow, "kept rows of an expert stay in token order");
                    lastRow = r.position()[a];
                }
            }
        }
        assertTrue(r.dropped() > 0, "the case must drop something");
        int[] perChoice = r.droppedPerChoice();
        assertEquals(r.dropped(), perChoice[0] + perChoice[1]);
        for (int a = 0; a < tokens * k; a++) {
            for (int b = 0; b < tokens * k; b++) {
                boolean sameExpert = r.index()[a] == r.index()[b];
                if (!sameExpert || !kept[a] || kept[b]) {
                    continue;
                }
                switch (order) {
                    case CHOICE -> assertTrue(a % k < b % k || (a % k == b % k && a < b),
                            "choice order: kept " + a + " ranks before dropped " + b);
                    case TOKEN -> assertTrue(a < b, "token order: kept " + a + " comes before dropped " + b);
                    case SCORE -> assertTrue(a % k < b % k || (a % k == b % k && top(probs, a / k, e) >= top(probs, b / k, e)),
                            "score order: kept " + a + " outranks dropped " + b);
                }
            }
        }
    }

    private static float top(float[] probs, int token, int experts) {
        float m = Float.NEGATIVE_INFINITY;
        for (int x = 0; x < experts; x++) {
            m = Math.max(m, probs[token * experts + x]);
        }
        return m;
    }

    @Test
    void aStoredSelectionBiasRoutesEvenWhenItNoLongerMoves() {
        MoeConfig still = MoeConfig.of(4, 2, 12);
        MoeLayer layer = new MoeLayer(6, still, new Rng(5));
        Tensor x = input(16, 6, 6);
        Routing unbiased = layer.compute(x, null, null).routing();
        layer.router().bias()[3] = 5f;
        Routing biased = layer.compute(x, null, null).routing();
        for (int t = 0; t < 16; t++) {
            assertEquals(3, biased.index()[t * 2], "token " + t + " chooses the biased expert first");
        }
        assertFalse(java.util.Arrays.equals(unbiased.index(), biased.index()));
        float[] probs = biased.probs().data();
        float[] gates = biased.gates().data();
        for (int t = 0; t < 16; t++) {
            float p0 = probs[t * 4 + biased.index()[t * 2]];
            float p1 = probs[t * 4 + biased.index()[t * 2 + 1]];
            assertEquals(p0 / (p0 + p1), gates[t * 2], 1e-6, "gates come from the probabilities, not the bias");
        }
    }

    @ParameterizedTest(name = "{0}, k={1}, capacity factor {2}")
    @CsvSource({"dropless,2,0,true", "capacity,2,0.75,true", "capacity,1,0.6,false", "dropless,3,0,false"})
    void gradientsMatchFiniteDifferencesOfTheReference(String dispatch, int k, double cf, boolean renorm) {
        int e = 4;
        int d = 5;
        int h = 6;
        int t = 9;
        MoeConfig cfg = MoeConfig.of(e, k, h).withDispatch(ConfigChoice.parse(Dispatch.class, dispatch), cf)
                .withDropOrder(DropOrder.TOKEN).withRenormalize(renorm).withLosses(0.3, 0.2);
        Rng rng = new Rng(k * 7L);
        DArray x = GradCheck.randn(rng, t, d);
        DArray router = GradCheck.randn(rng, e, d);
        DArray gate = GradCheck.randn(rng, e, h, d);
        DArray up = GradCheck.randn(rng, e, h, d);
        DArray down = GradCheck.randn(rng, e, d, h);
        int capacity = cfg.capacity(t);
        GradCheck.of("moe " + dispatch + " k=" + k, x, router, gate, up, down).tolerances(1e-5, 2e-3).run(in -> {
            MoeLayer.Output o = MoeLayer.apply(in[0], in[1], new float[e], in[2], in[3], in[4], List.of(), cfg, true, null, null);
            Tensor aux = o.loadBalancingLoss().mul((float) cfg.auxCoef()).add(o.zLoss().mul((float) cfg.zCoef()));
            return Shapes.concat(List.of(o.out().reshape(-1), aux.reshape(1)), 0);
        }, ref -> MoeReference.forward(ref[0], ref[1], ref[2], ref[3], ref[4], k, renorm, capacity, cfg.auxCoef(), cfg.zCoef()));
    }

    @Test
    void oneExpertEqualsTheDenseSwiGlu() {
        MoeLayer layer = new MoeLayer(8, MoeConfig.of(1, 1, 16), new Rng(2));
        SwiGlu dense = new SwiGlu(8, 16, new Rng(3));
        try (var s = GradMode.disabled()) {
            dense.parameters().get("gate.weight").copy_(layer.parameters().get("experts.gate").reshape(16, 8).detach());
            dense.parameters().get("up.weight").copy_(layer.parameters().get("experts.up").reshape(16, 8).detach());
            dense.parameters().get("down.weight").copy_(layer.parameters().get("experts.down").reshape(8, 16).detach());
            Tensor x = input(11, 8, 5);
            assertArrayEquals(dense.forward(x).data(), layer.compute(x, null, null).out().data(), 1e-6f);
        }
    }

    @Test
    void droplessEqualsCapacityModeWithUnlimitedCapacity() {
        MoeLayer dropless = new MoeLayer(8, config(4, 2, "dropless", 0, true), new Rng(6));
        MoeLayer capacity = new MoeLayer(8, config(4, 2, "capacity", 2.0, true), new Rng(6));
        Tensor x = input(16, 8, 7);
        try (var s = GradMode.disabled()) {
            assertArrayEquals(dropless.compute(x, null, null).out().data(), capacity.compute(x, null, null).out().data());
        }
    }

    @Test
    void balancingLossIsOneUnderUniformRoutingAndZLossIsLnESquared() {
        MoeLayer layer = new MoeLayer(8, config(8, 2, "dropless", 0, true), new Rng(8));
        try (var s = GradMode.disabled()) {
            layer.parameters().get("router.weight").fill_(0f);
            MoeLayer.Output o = layer.compute(input(30, 8, 9), null, null);
            assertEquals(1.0, o.loadBalancingLoss().item(), 1e-6);
            assertEquals(Math.log(8) * Math.log(8), o.zLoss().item(), 1e-5);
        }
    }

    @Test
    void paddingIsExcludedFromTheLosses() {
        MoeLayer layer = new MoeLayer(8, config(4, 1, "dropless", 0, false), new Rng(10));
        Tensor x = input(6, 8, 11);
        float[] valid = {1, 1, 1, 0, 0, 0};
        try (var s = GradMode.disabled()) {
            MoeLayer.Output masked = layer.compute(x, valid, null);
            MoeLayer.Output firstThree = layer.compute(Shapes.slice(x, 0, 0, 3), null, null);
            assertEquals(firstThree.loadBalancingLoss().item(), masked.loadBalancingLoss().item(), 1e-6);
            assertEquals(firstThree.zLoss().item(), masked.zLoss().item(), 1e-6);
        }
    }

    @Test
    void aFullyDroppedTokenPassesZero() {
        MoeLayer layer = new MoeLayer(6, config(2, 1, "capacity", 0.1, false), new Rng(12));
        try (var s = GradMode.disabled()) {
            MoeLayer.Output o = layer.compute(input(20, 6, 13), null, null);
            for (int t = 0; t < 20; t++) {
                if (o.routing().position()[t] < 0) {
                    for (int c = 0; c < 6; c++) {
                        assertEquals(0f, o.out().data()[t * 6 + c]);
                    }
                }
            }
            assertTrue(o.routing().dropped() > 0);
        }
    }

    @Test
    void nonFiniteRouterLogitsNameTheLayer() {
        MoeLayer layer = new MoeLayer("blocks.3.ffn", 4, config(2, 1, "dropless", 0, false), new Rng(0));
        Tensor x = Tensor.of(new float[] {1, Float.NaN, 0, 2}, 1, 4);
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> layer.forward(x,
                ForwardContext.training(null, new java.util.ArrayList<>())));
        assertTrue(e.getMessage().startsWith("MoE layer blocks.3.ffn: router logits contain NaN"), e.getMessage());
    }

    @Test
    void badConfigsNameTheKeyAndRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MoeLayer(4, MoeConfig.of(2, 3, 8).withCapacity(0), new Rng(0)));
        assertTrue(e.getMessage().contains("top_k = 3 is not allowed; must be between 1 and experts (2)")
                && e.getMessage().contains("capacity_factor = 0.0 is not allowed; must be > 0"), e.getMessage());
    }
}
