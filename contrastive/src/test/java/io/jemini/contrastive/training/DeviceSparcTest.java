package io.jemini.contrastive.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.contrastive.data.Split;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.device.DeviceRuntime;
import io.jemini.engine.device.TestDevices;
import io.jemini.engine.optim.AdamW;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SPARC training steps (both towers, global contrastive loss, sparse similarity and the
 * fine-grained loss) on the OpenCL device against the JVM backend.
 */
class DeviceSparcTest {
    private static SparcRunConfig config() {
        return ConfigReader.load("test", "{\"task\": \"sparc\", \"train\": {\"batch_size\": 6}}", SparcRunConfig.class,
                SparcRunConfig.defaults(), List.of(), List.of()).get(0).config();
    }

    /** The losses of each step, then every parameter after the last. */
    private static List<float[]> train(DeviceRuntime on, int steps) {
        DeviceRuntime previous = DeviceRuntime.install(on);
        try {
            SparcRunConfig cfg = config();
            SparcTrainer.Setup setup = SparcTrainer.Setup.of(cfg);
            Map<String, Tensor> params = setup.model().parameters();
            AdamW opt = new AdamW(params, 0.1f);
            float[] losses = new float[steps];
            for (int step = 0; step < steps; step++) {
                SceneBatch batch = SceneBatch.sample(setup.data().train(), setup.tokenizer(), new Rng(10 + step), 6, 14,
                        Split.TRAIN);
                opt.zeroGrad();
                SparcObjective.Value v = SparcObjective.of(setup.model(), batch, cfg.loss());
                v.total().backward();
                opt.step(1e-3f);
                losses[step] = v.total().item();
            }
            List<float[]> out = new ArrayList<>();
            out.add(losses);
            params.values().forEach(p -> out.add(p.read().clone()));
            return out;
        } finally {
            DeviceRuntime.install(previous);
        }
    }

    @Test
    void sparcStepsTrackTheJvm() {
        List<float[]> jvm = train(null, 4);
        List<float[]> onDevice;
        try (DeviceRuntime device = TestDevices.open()) {
            onDevice = train(device, 4);
        }
        for (int i = 0; i < jvm.size(); i++) {
            float[] e = jvm.get(i);
            float[] a = onDevice.get(i);
            for (int j = 0; j < e.length; j++) {
                assertTrue(Math.abs(e[j] - a[j]) <= 1e-4f * (1 + Math.abs(e[j])),
                        "array " + i + "[" + j + "]: jvm " + e[j] + ", device " + a[j]);
            }
        }
    }
}
