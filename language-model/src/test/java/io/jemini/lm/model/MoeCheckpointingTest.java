package io.jemini.lm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.nn.AttentionShape;
import io.jemini.engine.nn.Auxiliary;
import io.jemini.engine.nn.FeedForward;
import io.jemini.engine.nn.ForwardContext;
import io.jemini.engine.nn.Norm;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.ops.Losses;
import io.jemini.engine.ops.RopeScaling;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import io.jemini.experts.layer.MoeLayer;
import io.jemini.experts.routing.MoeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A mixture-of-experts language model trained with activation checkpointing gets the gradients
 * of the unchecked model: the auxiliary losses reach the router through the recomputation, and
 * router jitter is replayed.
 */
class MoeCheckpointingTest {
    private static final int VOCAB = 31;

    private static TransformerLm model(boolean checkpoint) {
        LmConfig config = new LmConfig(VOCAB, 16, 2, 4, 24, 12, Norm.Kind.RMS, FeedForward.Kind.SWIGLU, 10000, true, 1e-5f,
                new AttentionShape(4, 2, AttentionShape.Kind.BLOCKWISE, 0), 12, RopeScaling.NONE, checkpoint);
        MoeConfig moe = MoeConfig.of(4, 2, 12).withCapacity(1.0).withJitter(0.2).withLosses(0.5, 0.1);
        return new TransformerLm(config, new Rng(7), (layer, dim, rng) -> new MoeLayer("blocks." + layer + ".ffn",
                dim, moe, rng));
    }

    private record Step(Map<String, float[]> gradients, List<Auxiliary> aux, float loss) {
    }

    private static Step step(boolean checkpoint) {
        TransformerLm lm = model(checkpoint);
        Rng data = new Rng(5);
        int[] ids = new int[2 * 12];
        int[] next = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = data.nextInt(VOCAB);
            next[i] = data.nextInt(VOCAB);
        }
        List<Auxiliary> aux = new ArrayList<>();
        Tensor logits = lm.logits(Indices.of(ids, 2, 12), ForwardContext.training(new Rng(99), aux));
        Tensor ce = Losses.crossEntropy(logits, Indices.of(next, 2, 12), Losses.IGNORE_INDEX, 0f);
        Tensor total = Auxiliary.addTo(ce, aux);
        total.backward();
        Map<String, float[]> grads = new TreeMap<>();
        lm.parameters().forEach((name, p) -> grads.put(name, p.gradData().clone()));
        return new Step(grads, aux, total.item());
    }

    @Test
    void checkpointedMoeBlocksGiveTheUncheckedGradients() {
        Step plain = step(false);
        Step checkpointed = step(true);
        assertEquals(plain.loss(), checkpointed.loss());
        assertEquals(2, checkpointed.aux().size(), "one auxiliary record per MoE block, from the first pass only");
        for (int i = 0; i < 2; i++) {
            assertEquals(plain.aux().get(i).metrics(), checkpointed.aux().get(i).metrics());
            assertArrayEquals(plain.aux().get(i).load(), checkpointed.aux().get(i).load());
        }
        assertEquals(plain.gradients().keySet(), checkpointed.gradients().keySet());
        plain.gradients().forEach((name, g) -> {
            assertTrue(g.length > 0 && java.util.Arrays.stream(toDoubles(g)).anyMatch(v -> v != 0),
                    name + " has a gradient");
            assertArrayEquals(g, checkpointed.gradients().get(name), 1e-6f, name);
        });
    }

    private static double[] toDoubles(float[] g) {
        double[] d = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            d[i] = g[i];
        }
        return d;
    }
}
