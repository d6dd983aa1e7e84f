package io.jemini.engine.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.nn.Embedding;
import io.jemini.engine.nn.FeedForward;
import io.jemini.engine.nn.Linear;
import io.jemini.engine.nn.Module;
import io.jemini.engine.nn.Norm;
import io.jemini.engine.nn.RMSNorm;
import io.jemini.engine.nn.TransformerBlock;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.ops.LinearAlgebra;
import io.jemini.engine.ops.Losses;
import io.jemini.engine.ops.Rotary;
import io.jemini.engine.optim.AdamW;
import io.jemini.engine.optim.GradientClipping;
import io.jemini.engine.optim.Sgd;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** End-to-end: the engine learns small problems to a stated loss. */
class LearningTest {
    @Test
    void mlpLearnsXor() {
        Rng rng = new Rng(1);
        Linear l1 = new Linear(2, 8, true, rng);
        Linear l2 = new Linear(8, 2, true, rng);
        Tensor x = Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
        Indices y = Indices.vector(0, 1, 1, 0);
        var params = new java.util.LinkedHashMap<String, Tensor>();
        l1.parameters().forEach((k, v) -> params.put("l1." + k, v));
        l2.parameters().forEach((k, v) -> params.put("l2." + k, v));
        Sgd opt = new Sgd(params, 0.9f, 0f);
        float loss = Float.NaN;
        for (int step = 0; step < 300; step++) {
            opt.zeroGrad();
            Tensor l = Losses.crossEntropy(l2.forward(l1.forward(x).tanh()), y, -100, 0f);
            l.backward();
            opt.step(0.1f);
            loss = l.item();
        }
        assertTrue(loss < 0.02f, "XOR loss after 300 SGD steps: " + loss);
    }

    /** A two-block causal transformer LM over a 16-token vocabulary. */
    private static final class TinyLm extends Module {
        final Embedding embed;
        final TransformerBlock b0;
        final TransformerBlock b1;
        final RMSNorm norm;
        final Rotary rope = new Rotary(8, 64, 10000);

        TinyLm(Rng rng) {
            embed = child("embed", new Embedding(16, 32, 0.1f, rng));
            b0 = child("blocks.0", new TransformerBlock(32, 4, 64, Norm.Kind.RMS, FeedForward.Kind.SWIGLU, 1e-5f, rng));
            b1 = child("blocks.1", new TransformerBlock(32, 4, 64, Norm.Kind.RMS, FeedForward.Kind.SWIGLU, 1e-5f, rng));
            norm = child("norm", new RMSNorm(32, 1e-5f));
        }

        Tensor logits(Indices ids) {
            Tensor h = embed.forward(ids);
            h = b1.forward(b0.forward(h, rope, true, null), rope, true, null);
            return LinearAlgebra.matmul(norm.forward(h), embed.weight(), false, true);
        }
    }

    @Test
    void transformerMemorisesASequence() {
        Rng rng = new Rng(2);
        int[] sequence = new int[33];
        for (int i = 0; i < sequence.length; i++) {
            sequence[i] = rng.nextInt(16);
        }
        int[] input = java.util.Arrays.copyOf(sequence, 32);
        int[] target = java.util.Arrays.copyOfRange(sequence, 1, 33);
        TinyLm model = new TinyLm(rng);
        AdamW opt = new AdamW(model.parameters(), 0f);
        float loss = Float.NaN;
        float first = Float.NaN;
        for (int step = 0; step < 150; step++) {
            opt.zeroGrad();
            Tensor l = Losses.crossEntropy(model.logits(Indices.of(input, 1, 32)), Indices.of(target, 1, 32), -100, 0f);
            l.backward();
            GradientClipping.clipGlobalNorm(model.parameters(), 1.0);
            opt.step(3e-3f);
            loss = l.item();
            if (step == 0) {
                first = loss;
            }
        }
        assertTrue(first > 2.0f, "starts near ln(16) = 2.77: " + first);
        assertTrue(loss < 0.05f, "loss after 150 AdamW steps: " + loss);
    }
}
