package io.jemini.engine.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checkpointed segments with side outputs and random draws give the gradients of the unchecked computation. */
class ActivationCheckpointTest {
    private static final float SIDE_WEIGHT = 0.3f;

    /** tanh(x·W + noise) and, as a side output, the mean square of x·W; the noise is drawn from {@code rng}. */
    private static Tensor[] segment(Tensor x, Tensor w, Rng rng) {
        Tensor pre = x.matmul(w);
        float[] noise = new float[pre.numel()];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = rng.nextFloat() - 0.5f;
        }
        Tensor y = pre.add(Tensor.of(noise, pre.dims())).tanh();
        return new Tensor[] {y, pre.mul(pre).mean()};
    }

    private record Gradients(float[] x, float[] w, long rngAfter) {
    }

    private static Gradients run(boolean checkpointed, boolean useMain, boolean useSide) {
        Rng init = new Rng(3);
        Tensor x = Tensor.randn(init, 1, 4, 5).requiresGrad(true);
        Tensor w = Tensor.randn(init, 0.5f, 5, 6).requiresGrad(true);
        Tensor scale = Tensor.randn(init, 1, 4, 6);
        Rng rng = new Rng(11);
        Tensor h = x.mul(2f);
        Tensor[] out = checkpointed
                ? ActivationCheckpoint.apply("segment", h, rng, (in, r) -> segment(in, w, r), List.of(w))
                : segment(h, w, rng);
        Tensor loss = Tensor.scalar(0f);
        if (useMain) {
            loss = loss.add(out[0].mul(scale).sum());
        }
        if (useSide) {
            loss = loss.add(out[1].mul(SIDE_WEIGHT));
        }
        loss.backward();
        return new Gradients(x.gradData(), w.gradData(), rng.state());
    }

    @Test
    void mainAndSideOutputsBackPropagateThroughOneRecomputation() {
        for (boolean[] use : new boolean[][] {{true, true}, {true, false}, {false, true}}) {
            Gradients plain = run(false, use[0], use[1]);
            Gradients checkpointed = run(true, use[0], use[1]);
            String what = "main " + use[0] + ", side " + use[1];
            assertArrayEquals(plain.x(), checkpointed.x(), 1e-6f, what);
            assertArrayEquals(plain.w(), checkpointed.w(), 1e-6f, what);
            assertEquals(plain.rngAfter(), checkpointed.rngAfter(), "the first pass advances the generator as usual");
        }
    }

    @Test
    void theRecomputationCountsOnce() {
        int[] calls = {0};
        Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor[] out = ActivationCheckpoint.apply("counted", x, null, (in, r) -> {
            calls[0]++;
            return new Tensor[] {in.exp(), in.sum()};
        }, List.of());
        out[0].sum().add(out[1]).backward();
        assertEquals(2, calls[0], "one forward and one recomputation");
        assertArrayEquals(new float[] {(float) Math.exp(1) + 1, (float) Math.exp(2) + 1}, x.gradData(), 1e-6f);
    }

    @Test
    void severalRootsShareOneBackwardPass() {
        Tensor x = Tensor.of(new float[] {0.5f, -1f}, 2).requiresGrad(true);
        Tensor shared = x.tanh();
        Tensor a = shared.mul(3f);
        Tensor b = shared.mul(shared);
        Graph.backward(List.of(a, b), List.of(new float[] {1, 2}, new float[] {-1, 1}));
        float[] expected = new float[2];
        float[] xs = {0.5f, -1f};
        float[][] seeds = {{1, 2}, {-1, 1}};
        for (int i = 0; i < 2; i++) {
            double t = Math.tanh(xs[i]);
            expected[i] = (float) ((seeds[0][i] * 3 + seeds[1][i] * 2 * t) * (1 - t * t));
        }
        assertArrayEquals(expected, x.gradData(), 1e-6f);
    }
}
