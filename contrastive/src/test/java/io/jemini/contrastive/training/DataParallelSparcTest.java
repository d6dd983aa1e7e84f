package io.jemini.contrastive.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.dataparallel.Collective;
import io.jemini.engine.dataparallel.MicroBatchStep;
import io.jemini.engine.dataparallel.ThreadCollective;
import io.jemini.engine.tensor.Tensor;
import io.jemini.engine.testing.NoProgress;
import io.jemini.engine.testing.RunFiles;
import io.jemini.engine.training.Objective;
import io.jemini.engine.training.RunDirectory;
import io.jemini.engine.training.Throughput;
import io.jemini.engine.training.TrainLoop;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPARC's losses couple the whole batch, so its slices are stepped from gathered embeddings: the
 * sliced gradient is the whole batch's (to float rounding), and 1, 2 or 4 workers train the same bits.
 */
class DataParallelSparcTest {
    private static final String CONFIG = """
            {"task": "sparc", "name": "dp-sparc", "seed": 9,
             "data": {"max_objects": 2, "distractor_rate": 0.3},
             "model": {"width": 16, "layers": 1, "heads": 2, "hidden": 32, "shared": 8, "patch": 8},
             "loss": {"centre": true},
             "train": {"steps": 5, "batch_size": 8, "micro_batches": 4, "warmup_steps": 1, "log_every": 1,
                       "eval_every": 5, "checkpoint_every": 5},
             "eval": {"pairs": 8}}
            """;

    @TempDir
    Path dir;

    private static SparcRunConfig config(String json) {
        return ConfigReader.load("test", json, SparcRunConfig.class, SparcRunConfig.defaults(), List.of(), List.of()).get(0)
                .config();
    }

    @Test
    void theSlicedGradientIsTheWholeBatchGradient() {
        SparcObjective whole = SparcObjective.of(config(CONFIG));
        Objective.Step plain = whole.step(1);
        plain.total().backward();
        SparcObjective sliced = SparcObjective.of(config(CONFIG));
        Objective.Step split = new MicroBatchStep(sliced, sliced.parameters(), 4, Collective.alone()).run(1);
        assertEquals(plain.loss(), split.loss(), 1e-6 * Math.abs(plain.loss()));
        assertEquals(plain.parts().get("fine_loss"), split.parts().get("fine_loss"), 1e-6);
        int compared = 0;
        for (Map.Entry<String, Tensor> p : whole.parameters().entrySet()) {
            float[] expected = p.getValue().gradData();
            float[] actual = sliced.parameters().get(p.getKey()).gradData();
            double scale = 1e-8;
            for (float v : expected) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 2e-5 * scale, p.getKey() + "[" + i + "]");
            }
            compared++;
        }
        assertTrue(compared > 10, "every parameter, the logit scale included: " + compared);
    }

    @Test
    void oneTwoOrFourWorkersTrainTheSameBits() throws Exception {
        List<String> one = train(1);
        assertEquals(one, train(2));
        assertEquals(one, train(4));
    }

    private List<String> train(int workers) throws Exception {
        SparcRunConfig cfg = config(CONFIG);
        RunDirectory run = RunDirectory.create(dir, "w" + workers, ZonedDateTime.now());
        List<List<float[]>> weights = ThreadCollective.run(workers, (rank, c) -> {
            SparcObjective objective = SparcObjective.of(cfg);
            new TrainLoop(run, cfg.train(), ConfigReader.toTree(cfg), objective, new Throughput("pairs", "pairs/s", 8),
                    NoProgress.INSTANCE, c).run(false);
            List<float[]> out = new ArrayList<>();
            objective.parameters().values().forEach(p -> out.add(p.read()));
            return out;
        });
        for (List<float[]> w : weights) {
            for (int i = 0; i < w.size(); i++) {
                assertArrayEquals(weights.get(0).get(i), w.get(i), "every worker holds the same weights");
            }
        }
        List<String> out = new ArrayList<>(RunFiles.metricsWithoutTiming(run.dir()));
        weights.get(0).forEach(w -> out.add(Arrays.toString(w)));
        return out;
    }
}
