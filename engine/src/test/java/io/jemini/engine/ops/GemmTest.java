package io.jemini.engine.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.jemini.kernels.MatmulKernels;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Which kernel a product goes to never changes its bits where the reference kernel's are promised. */
class GemmTest {
    /**
     * A large product narrower than half a register tile (a router's logits {@code x·Wᵀ}, with x
     * stored as it is or transposed) goes to the narrow kernel, which keeps the reference kernel's bits.
     */
    @Test
    void narrowProductsKeepTheReferenceKernelsBits() {
        Random rnd = new Random(4);
        int tokens = 300;
        int dim = 64;
        int experts = 8;
        float[] x = new float[tokens * dim];
        float[] w = new float[experts * dim];
        for (float[] t : new float[][] {x, w}) {
            for (int i = 0; i < t.length; i++) {
                t[i] = rnd.nextFloat() * 2 - 1;
            }
        }
        float[] expected = new float[tokens * experts];
        MatmulKernels.gemm(x, 0, dim, 0, w, 0, dim, 1, expected, 0, experts, experts, dim, 0, 0, tokens);
        float[] logits = new float[tokens * experts];
        Gemm.multiply(MatrixView.of(x, 0, tokens, dim), MatrixView.of(w, 0, experts, dim).t(),
                MatrixView.of(logits, 0, tokens, experts), false);
        assertArrayEquals(expected, logits);
        float[] xStoredTransposed = new float[dim * tokens];
        for (int i = 0; i < tokens; i++) {
            for (int d = 0; d < dim; d++) {
                xStoredTransposed[d * tokens + i] = x[i * dim + d];
            }
        }
        float[] fromTransposed = new float[tokens * experts];
        Gemm.multiply(MatrixView.of(xStoredTransposed, 0, dim, tokens).t(), MatrixView.of(w, 0, experts, dim).t(),
                MatrixView.of(fromTransposed, 0, tokens, experts), false);
        assertArrayEquals(expected, fromTransposed);
    }
}
