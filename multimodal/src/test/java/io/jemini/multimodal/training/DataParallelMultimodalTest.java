package io.jemini.multimodal.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.dataparallel.Collective;
import io.jemini.engine.dataparallel.ThreadCollective;
import io.jemini.engine.testing.NoProgress;
import io.jemini.engine.testing.RunFiles;
import io.jemini.engine.training.RunDirectory;
import io.jemini.engine.training.Throughput;
import io.jemini.engine.training.TrainLoop;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multimodal model trained by 1, 2 or 4 data-parallel workers (threads) on 4 micro-batches:
 * the same metrics — losses, per-layer routing and each modality's expert shares — and the same
 * weights and balancing biases, bit for bit.
 */
class DataParallelMultimodalTest {
    private static final String CONFIG = """
            {"task": "multimodal", "name": "mm-dp", "seed": 4,
             "model": {"dim": 16, "layers": 1, "heads": 2, "hidden": 32, "seq_len": 48},
             "moe": {"enabled": true, "experts": 4, "top_k": 2, "hidden": 16, "bias_update": 0.01},
             "train": {"steps": 6, "batch_size": 8, "micro_batches": 4, "warmup_steps": 1, "log_every": 1,
                       "eval_every": 3, "checkpoint_every": 3},
             "eval": {"batches": 1}}
            """;

    @TempDir
    Path dir;

    private record Trained(List<String> metrics, List<float[]> weights) {
    }

    @Test
    void oneTwoOrFourWorkersTrainTheSameBits() throws Exception {
        Trained one = train(1);
        assertTrue(one.metrics().stream().anyMatch(m -> m.contains("modality_load")), "routing by modality is logged");
        for (int workers : new int[] {2, 4}) {
            Trained many = train(workers);
            assertEquals(one.metrics(), many.metrics(), workers + " workers");
            assertEquals(one.weights().size(), many.weights().size());
            for (int i = 0; i < one.weights().size(); i++) {
                assertArrayEquals(one.weights().get(i), many.weights().get(i), "tensor " + i + " with " + workers + " workers");
            }
        }
    }

    private Trained train(int workers) throws Exception {
        MultimodalConfig cfg = ConfigReader.load("test", CONFIG, MultimodalConfig.class, MultimodalConfig.defaults(), List.of(),
                List.of()).get(0).config();
        RunDirectory run = RunDirectory.create(dir, "w" + workers, ZonedDateTime.now());
        List<List<float[]>> weights = ThreadCollective.run(workers, (rank, c) -> trainIn(run, cfg, c));
        List<String> metrics = RunFiles.metricsWithoutTiming(run.dir());
        for (List<float[]> w : weights) {
            for (int i = 0; i < w.size(); i++) {
                assertArrayEquals(weights.get(0).get(i), w.get(i), "every worker holds the same weights");
            }
        }
        return new Trained(metrics, weights.get(0));
    }

    private static List<float[]> trainIn(RunDirectory run, MultimodalConfig cfg, Collective workers) {
        MultimodalObjective objective = MultimodalObjective.of(cfg);
        new TrainLoop(run, cfg.train(), ConfigReader.toTree(cfg), objective, new Throughput("positions", "pos/s", 384),
                NoProgress.INSTANCE, workers).run(false);
        List<float[]> out = new ArrayList<>();
        objective.parameters().values().forEach(p -> out.add(p.read()));
        objective.buffers().values().forEach(b -> out.add(b.clone()));
        return out;
    }
}
