package io.jemini.lm.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.dataparallel.Collective;
import io.jemini.engine.dataparallel.ThreadCollective;
import io.jemini.engine.testing.NoProgress;
import io.jemini.engine.training.MetricsLog;
import io.jemini.engine.training.RunDirectory;
import io.jemini.engine.training.Throughput;
import io.jemini.engine.training.TrainLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data-parallel training of a language model with its workers as threads: the losses, parameters
 * and balancing biases are the same bits with 1, 2 or 4 workers, on every worker, and after a
 * resume under another number of workers; and the micro-batches' shares add up to the batch's loss.
 */
class DataParallelLmTest {
    private static final String DENSE = """
            {"name": "dp", "seed": 5,
             "data": {"source": "markov", "markov_vocab": 12, "markov_branching": 2},
             "model": {"dim": 32, "layers": 2, "heads": 2, "hidden": 64, "seq_len": 16},
             "train": {"steps": 12, "batch_size": 8, "micro_batches": 4, "lr": 0.01, "warmup_steps": 2,
                       "log_every": 1, "eval_every": 6, "checkpoint_every": 6, "keep_last": 2},
             "eval": {"batches": 1, "samples": 1, "sample_tokens": 4}}
            """;
    private static final String MOE = DENSE.replace("\"eval\":", "\"moe\": {\"enabled\": true, \"experts\": 4, \"top_k\": 2, "
            + "\"hidden\": 32, \"dispatch\": \"capacity\", \"capacity_factor\": 1.0, \"bias_update\": 0.01},\n \"eval\":");

    @TempDir
    Path dir;

    /** What one worker ended with, and the losses rank 0 logged. */
    private record Trained(List<Double> losses, List<float[]> parameters, List<float[]> buffers) {
    }

    @Test
    void denseLossesAndWeightsAreTheSameBitsWithOneTwoOrFourWorkers() throws Exception {
        assertSameBits(DENSE);
    }

    @Test
    void expertRoutingAndItsBalancingBiasAreTheSameBitsWithOneTwoOrFourWorkers() throws Exception {
        assertSameBits(MOE);
    }

    /** Three workers cannot halve: they all-gather their tree nodes instead, and reach the same bits. */
    @Test
    void sixMicroBatchesOverOneTwoOrThreeWorkersAreTheSameBits() throws Exception {
        assertSameBits(MOE.replace("\"batch_size\": 8, \"micro_batches\": 4", "\"batch_size\": 12, \"micro_batches\": 6"), 2, 3);
    }

    private void assertSameBits(String json) throws Exception {
        assertSameBits(json, 2, 4);
    }

    private void assertSameBits(String json, int... counts) throws Exception {
        Trained one = train(json, 1, "one").get(0);
        for (int workers : counts) {
            List<Trained> all = train(json, workers, "w" + workers);
            assertEquals(one.losses(), all.get(0).losses(), workers + " workers");
            for (Trained t : all) {
                assertBitsEqual(one.parameters(), t.parameters());
                assertBitsEqual(one.buffers(), t.buffers());
            }
        }
    }

    @Test
    void theSharesOfMicroBatchesAddUpToTheBatchLoss() throws Exception {
        List<Double> whole = train(DENSE.replace("\"micro_batches\": 4", "\"micro_batches\": 1"), 1, "whole").get(0).losses();
        List<Double> split = train(DENSE, 1, "split").get(0).losses();
        assertEquals(whole.get(0), split.get(0), 1e-6 * whole.get(0), "step 1: same weights, same batch");
        assertEquals(whole.get(whole.size() - 1), split.get(split.size() - 1), 1e-3);
        assertNotEquals(whole, split, "the sums are not the same floats");
    }

    @Test
    void aRunResumedUnderAnotherNumberOfWorkersContinuesBitForBit() throws Exception {
        Trained uninterrupted = train(MOE, 1, "straight").get(0);
        RunDirectory run = RunDirectory.create(dir, "resumed", ZonedDateTime.now());
        LmRunConfig cfg = config(MOE);
        ThreadCollective.run(2, (rank, workers) -> trainIn(run, cfg, workers, false));
        try (Stream<Path> ckpts = Files.list(run.checkpoints())) {
            Path last = ckpts.max(Comparator.naturalOrder()).orElseThrow();
            deleteTree(last);
        }
        List<Trained> resumed = ThreadCollective.run(4, (rank, workers) -> trainIn(run, cfg, workers, true));
        assertEquals(uninterrupted.losses(), losses(run));
        for (Trained t : resumed) {
            assertBitsEqual(uninterrupted.parameters(), t.parameters());
            assertBitsEqual(uninterrupted.buffers(), t.buffers());
        }
    }

    private List<Trained> train(String json, int workers, String name) throws Exception {
        RunDirectory run = RunDirectory.create(dir, name, ZonedDateTime.now());
        LmRunConfig cfg = config(json);
        List<Trained> out = ThreadCollective.run(workers, (rank, c) -> trainIn(run, cfg, c, false));
        List<Trained> withLosses = new ArrayList<>();
        for (Trained t : out) {
            withLosses.add(new Trained(losses(run), t.parameters(), t.buffers()));
        }
        return withLosses;
    }

    private static Trained trainIn(RunDirectory run, LmRunConfig cfg, Collective workers, boolean resume) {
        LmObjective objective = LmObjective.of(cfg, run);
        JsonNode tree = ConfigReader.toTree(cfg);
        new TrainLoop(run, cfg.train(), tree, objective, new Throughput("tokens", "tok/s", 128), NoProgress.INSTANCE, workers)
                .run(resume);
        List<float[]> params = new ArrayList<>();
        objective.parameters().values().forEach(p -> params.add(p.read()));
        List<float[]> buffers = new ArrayList<>();
        objective.buffers().values().forEach(b -> buffers.add(b.clone()));
        return new Trained(List.of(), params, buffers);
    }

    private static LmRunConfig config(String json) {
        return ConfigReader.load("test", json, LmRunConfig.class, LmRunConfig.defaults(), List.of(), List.of()).get(0).config();
    }

    private static List<Double> losses(RunDirectory run) {
        List<Double> out = new ArrayList<>();
        for (JsonNode r : MetricsLog.read(run.metrics())) {
            if (r.path("loss").isNumber()) {
                out.add(r.get("loss").doubleValue());
            }
        }
        return out;
    }

    private static void assertBitsEqual(List<float[]> expected, List<float[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "tensor " + i);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> all = Files.walk(p)) {
            for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
