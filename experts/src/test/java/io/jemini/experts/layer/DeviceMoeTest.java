package io.jemini.experts.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.config.ConfigChoice;
import io.jemini.engine.device.DeviceRuntime;
import io.jemini.engine.device.TestDevices;
import io.jemini.engine.optim.AdamW;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import io.jemini.experts.routing.Dispatch;
import io.jemini.experts.routing.MoeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The MoE layer on the OpenCL device against the JVM backend: routing, dispatch with and without
 * capacity, grouped expert products, the weighted combine and the auxiliary losses, forward and
 * backward, and a few training steps.
 */
class DeviceMoeTest {
    private static MoeConfig config(String dispatch) {
        return MoeConfig.of(4, 2, 24).withDispatch(ConfigChoice.parse(Dispatch.class, dispatch), 1.0).withLosses(0.01, 0.001);
    }

    /** Per step: the loss, then the layer's input gradient and every parameter's gradient of the last step. */
    private static List<float[]> train(DeviceRuntime on, String dispatch, int steps) {
        DeviceRuntime previous = DeviceRuntime.install(on);
        try {
            Rng rng = new Rng(3);
            MoeLayer layer = new MoeLayer(16, config(dispatch), rng);
            Map<String, Tensor> params = layer.parameters();
            AdamW opt = new AdamW(params, 0.0f);
            Tensor target = Tensor.randn(rng, 1f, 40, 16);
            float[] losses = new float[steps];
            Tensor x = null;
            for (int step = 0; step < steps; step++) {
                opt.zeroGrad();
                x = Tensor.randn(new Rng(100 + step), 1f, 40, 16).requiresGrad(true);
                MoeLayer.Output o = layer.compute(x, null, null);
                Tensor diff = o.out().sub(target);
                Tensor loss = diff.mul(diff).mean().add(o.loadBalancingLoss().mul(0.01f)).add(o.zLoss().mul(0.001f));
                loss.backward();
                opt.step(1e-2f);
                losses[step] = loss.item();
            }
            List<float[]> out = new ArrayList<>();
            out.add(losses);
            out.add(x.grad().read().clone());
            params.values().forEach(p -> out.add(p.read().clone()));
            return out;
        } finally {
            DeviceRuntime.install(previous);
        }
    }

    private static void assertClose(List<float[]> expected, List<float[]> actual, String what) {
        for (int i = 0; i < expected.size(); i++) {
            float[] e = expected.get(i);
            float[] a = actual.get(i);
            for (int j = 0; j < e.length; j++) {
                assertTrue(Math.abs(e[j] - a[j]) <= 1e-4f * (1 + Math.abs(e[j])),
                        what + " array " + i + "[" + j + "]: jvm " + e[j] + ", device " + a[j]);
            }
        }
    }

    @Test
    void droplessTrainingTracksTheJvm() {
        assertClose(train(null, "dropless", 15), train(TestDevices.shared(), "dropless", 15), "dropless");
    }

    @Test
    void capacityTrainingTracksTheJvm() {
        assertClose(train(null, "capacity", 15), train(TestDevices.shared(), "capacity", 15), "capacity");
    }

    @Test
    void theDeviceRunRepeatsBitForBit() {
        List<float[]> first = train(TestDevices.shared(), "capacity", 5);
        List<float[]> second = train(TestDevices.shared(), "capacity", 5);
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i), second.get(i), "array " + i);
        }
    }
}
