package io.jemini.lm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.nn.FeedForward;
import io.jemini.engine.nn.Norm;
import io.jemini.engine.random.Rng;
import org.junit.jupiter.api.Test;

class SamplerTest {
    private static TransformerLm model() {
        return new TransformerLm(new LmConfig(37, 32, 2, 4, 48, 16, Norm.Kind.RMS, FeedForward.Kind.SWIGLU, 10000, false, 1e-5f), new Rng(4));
    }

    @Test
    void greedyDecodingIsTheSameWithAndWithoutTheCache() {
        TransformerLm lm = model();
        int[] prompt = {3, 14, 15, 9, 2};
        int[] cached = Sampler.generate(lm, prompt, 40, 0, 0, new Rng(1), true);
        int[] full = Sampler.generate(lm, prompt, 40, 0, 0, new Rng(1), false);
        assertArrayEquals(full, cached);
    }

    @Test
    void samplingIsSeededAndRespectsTopK() {
        TransformerLm lm = model();
        int[] a = Sampler.generate(lm, new int[] {1}, 20, 1.0, 3, new Rng(7), true);
        int[] b = Sampler.generate(lm, new int[] {1}, 20, 1.0, 3, new Rng(7), true);
        assertArrayEquals(a, b);
        float[] logits = {0f, 5f, 4f, 3f, -1f};
        for (int i = 0; i < 200; i++) {
            int t = Sampler.pick(logits, 1.0, 2, new Rng(i));
            assertTrue(t == 1 || t == 2, "top-2 only: " + t);
        }
    }

    @Test
    void refusesToRunPastTheContextLimit() {
        TransformerLm lm = model();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sampler.generate(lm, new int[] {1}, lm.contextLimit(), 0, 0, new Rng(0), true));
        assertTrue(e.getMessage().contains("context limit of " + lm.contextLimit()), e.getMessage());
    }
}
