package io.jemini.engine.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.jemini.engine.nn.FeedForward;
import io.jemini.engine.nn.Norm;
import io.jemini.engine.nn.TransformerBlock;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.ops.Losses;
import io.jemini.engine.ops.Rotary;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import io.jemini.kernels.backend.JvmBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A transformer block's forward and backward give the same bits with 1, 2 and 3 threads. */
class ThreadDeterminismTest {
    @Test
    void sameBitsForAnyThreadCount() {
        List<float[]> reference = null;
        for (int threads : new int[] {1, 2, 3}) {
            JvmBackend backend = new JvmBackend(threads);
            JvmBackend previous = JvmBackend.install(backend);
            try {
                List<float[]> result = run();
                if (reference == null) {
                    reference = result;
                } else {
                    for (int i = 0; i < result.size(); i++) {
                        assertArrayEquals(reference.get(i), result.get(i), "array " + i + " with " + threads + " threads");
                    }
                }
            } finally {
                JvmBackend.install(previous);
                backend.close();
            }
        }
    }

    private static List<float[]> run() {
        Rng rng = new Rng(11);
        TransformerBlock block = new TransformerBlock(64, 4, 160, Norm.Kind.RMS, FeedForward.Kind.SWIGLU, 1e-5f, rng);
        Tensor x = Tensor.randn(rng, 1f, 3, 40, 64).requiresGrad(true);
        Tensor h = block.forward(x, new Rotary(16, 64, 10000), true, null);
        int[] targets = new int[3 * 40];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = rng.nextInt(64);
        }
        Tensor loss = Losses.crossEntropy(h, Indices.of(targets, 3, 40), -100, 0.1f);
        loss.backward();
        List<float[]> out = new ArrayList<>();
        out.add(loss.data());
        out.add(h.data());
        out.add(x.gradData());
        for (Map.Entry<String, Tensor> p : block.parameters().entrySet()) {
            out.add(p.getValue().gradData());
        }
        return out;
    }
}
