package io.jemini.lm.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.device.DeviceRuntime;
import io.jemini.engine.device.TestDevices;
import io.jemini.engine.nn.Auxiliary;
import io.jemini.engine.nn.ForwardContext;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.ops.Losses;
import io.jemini.engine.optim.AdamW;
import io.jemini.engine.optim.GradientClipping;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import io.jemini.lm.model.MoeFeedForwards;
import io.jemini.lm.model.TransformerLm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An MoE language model (every block's feed-forward 4 routed experts, top-2, capacity dispatch,
 * load-balancing and z losses) trained 120 steps on the OpenCL device against the JVM backend:
 * the losses track within 1e-4 and the device run repeats bit for bit.
 */
class DeviceMoeLmTest {
    private static final int STEPS = 120;
    private static final int BATCH = 4;
    private static final int SEQ = 24;
    private static float[] train(DeviceRuntime on) {
        DeviceRuntime previous = DeviceRuntime.install(on);
        try {
            LmRunConfig cfg = ConfigReader.load("test", "{}", LmRunConfig.class, LmRunConfig.defaults(), List.of(
                    "moe.enabled=true", "moe.experts=4", "moe.top_k=2", "moe.hidden=32", "moe.dispatch=capacity",
                    "model.dim=32", "model.layers=2", "model.heads=4", "model.seq_len=" + SEQ, "data.markov_vocab=20"),
                    List.of()).get(0).config();
            TransformerLm lm = new TransformerLm(cfg.model().lmConfig(20), new Rng(8), MoeFeedForwards.factory(cfg));
            Map<String, Tensor> params = lm.parameters();
            AdamW opt = new AdamW(params, 0.9f, 0.95f, 1e-8f, 0.1f, name -> !name.contains("norm"));
            Rng data = new Rng(17);
            float[] losses = new float[STEPS];
            for (int step = 0; step < STEPS; step++) {
                int[] in = new int[BATCH * SEQ];
                int[] out = new int[BATCH * SEQ];
                for (int i = 0; i < in.length; i++) {
                    in[i] = i % SEQ == 0 ? data.nextInt(20) : (out[i - 1]);
                    out[i] = (in[i] * 7 + 1 + data.nextInt(2)) % 20;
                }
                opt.zeroGrad();
                List<Auxiliary> aux = new ArrayList<>();
                Tensor loss = Losses.crossEntropy(lm.logits(Indices.of(in, BATCH, SEQ),
                        ForwardContext.training(new Rng(step), aux)),
                        Indices.of(out, BATCH, SEQ), Losses.IGNORE_INDEX, 0f);
                Auxiliary.addTo(loss, aux).backward();
                GradientClipping.clipGlobalNorm(params, 1.0);
                opt.step(3e-3f);
                lm.feedForwards().forEach(f -> f.afterStep(aux));
                losses[step] = loss.item();
            }
            return losses;
        } finally {
            DeviceRuntime.install(previous);
        }
    }

    @Test
    void lossesTrackTheJvmAndRepeat() {
        float[] jvm = train(null);
        float[] first = train(TestDevices.shared());
        float[] second = train(TestDevices.shared());
        assertTrue(jvm[STEPS - 1] < jvm[0] - 0.5f, "the JVM run must learn: " + jvm[0] + " -> " + jvm[STEPS - 1]);
        for (int step = 0; step < STEPS; step++) {
            assertTrue(Math.abs(jvm[step] - first[step]) <= 1e-4f * Math.abs(jvm[step]),
                    "step " + step + ": jvm loss " + jvm[step] + ", device loss " + first[step]);
        }
        assertArrayEquals(first, second);
    }
}
