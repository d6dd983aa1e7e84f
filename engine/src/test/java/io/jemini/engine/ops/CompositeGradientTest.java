package io.jemini.engine.ops;

import static io.jemini.engine.testing.GradCheck.randn;

import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import io.jemini.engine.testing.DArray;
import io.jemini.engine.testing.GradCheck;
import io.jemini.engine.testing.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompositeGradientTest {
    private final Rng rng = new Rng(7);

    @ParameterizedTest(name = "axis {0}")
    @ValueSource(ints = {0, 1, 2, -1})
    void softmaxFamily(int axis) {
        DArray x = randn(rng, 2, 3, 5);
        GradCheck.of("softmax", x).run(t -> t[0].softmax(axis), d -> Reference.softmaxLike(d[0], axis, "softmax"));
        GradCheck.of("log_softmax", x).run(t -> t[0].logSoftmax(axis), d -> Reference.softmaxLike(d[0], axis, "log_softmax"));
        GradCheck.of("logsumexp", x).run(t -> Softmaxes.logSumExp(t[0], axis, true),
                d -> Reference.softmaxLike(d[0], axis, "logsumexp"));
    }

    @Test
    void softmaxWithLargeLogitsStaysFinite() {
        DArray x = new DArray(new double[] {1000, 999, -1000, 0, 80, 90}, new int[] {2, 3});
        GradCheck.of("softmax large", x).run(t -> t[0].softmax(-1), d -> Reference.softmaxLike(d[0], -1, "softmax"));
    }

    @Test
    void crossEntropy() {
        DArray logits = randn(rng, 6, 5);
        int[] target = {1, 4, -100, 0, 2, 4};
        for (float smoothing : new float[] {0f, 0.1f}) {
            GradCheck.of("cross_entropy smoothing " + smoothing, logits).run(
                    t -> Losses.crossEntropy(t[0], Indices.of(target, 6), -100, smoothing),
                    d -> scalar(Reference.crossEntropy(d[0], target, -100, smoothing)));
        }
        DArray seq = randn(rng, 2, 3, 4);
        int[] tokens = {3, 0, 7, 1, 1, 2};
        GradCheck.of("cross_entropy 3-d, custom ignore", seq).run(
                t -> Losses.crossEntropy(t[0], Indices.of(tokens, 2, 3), 7, 0.2f),
                d -> scalar(Reference.crossEntropy(d[0].reshape(6, 4), tokens, 7, 0.2)));
    }

    @Test
    void crossEntropyShareOfALargerBatch() {
        DArray logits = randn(rng, 6, 5);
        int[] target = {1, 4, -100, 0, 2, 4};
        int itemsInBatch = 13;
        GradCheck.of("cross_entropy over 13 items", logits).run(
                t -> Losses.crossEntropy(t[0], Indices.of(target, 6), -100, 0.1f, itemsInBatch),
                d -> scalar(Reference.crossEntropy(d[0], target, -100, 0.1) * 5 / itemsInBatch));
    }

    @Test
    void norms() {
        DArray x = randn(rng, 2, 3, 6);
        DArray w = randn(rng, 6);
        DArray b = randn(rng, 6);
        GradCheck.of("layer_norm", x, w, b).run(t -> Normalization.layerNorm(t[0], t[1], t[2], 1e-5f),
                d -> Reference.normalize(d[0], d[1], d[2], 1e-5, "layer"));
        GradCheck.of("rms_norm", x, w).run(t -> Normalization.rmsNorm(t[0], t[1], 1e-6f),
                d -> Reference.normalize(d[0], d[1], null, 1e-6, "rms"));
        GradCheck.of("normalize", x).run(t -> Normalization.normalize(t[0], 1e-12f),
                d -> Reference.normalize(d[0], null, null, 1e-12, "l2"));
        DArray one = randn(rng, 4, 1);
        GradCheck.of("layer_norm d=1", one, randn(rng, 1), randn(rng, 1)).run(
                t -> Normalization.layerNorm(t[0], t[1], t[2], 1e-5f),
                d -> Reference.normalize(d[0], d[1], d[2], 1e-5, "layer"));
    }

    @Test
    void dropoutMatchesItsHashMask() {
        DArray x = randn(rng, 4, 50);
        float p = 0.3f;
        long seed = new Rng(99).nextLong();
        GradCheck.of("dropout", x).run(t -> Regularization.dropout(t[0], p, new Rng(99)), d -> {
            double[] out = new double[d[0].v().length];
            for (int i = 0; i < out.length; i++) {
                out[i] = keep(seed, i, p) ? d[0].v()[i] / (1 - p) : 0;
            }
            return new DArray(out, d[0].shape());
        });
    }

    /** The documented mask: SplitMix64 finaliser of seed + (i+1)·golden ratio, top 24 bits vs p. */
    private static boolean keep(long seed, int i, float p) {
        long z = seed + (i + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 40) / (double) (1 << 24) >= p;
    }

    @Test
    void rope() {
        DArray x = randn(rng, 2, 3, 5, 8);
        Rotary table = new Rotary(8, 16, 10000);
        GradCheck.of("rope", x).run(t -> table.apply(t[0], 0), d -> Reference.rope(d[0], 10000));
    }

    @Test
    void attention() {
        DArray q = randn(rng, 2, 2, 4, 3);
        DArray k = randn(rng, 2, 2, 4, 3);
        DArray v = randn(rng, 2, 2, 4, 3);
        int[][] pad = {{0, 0, 0, 1}, {0, 0, 1, 1}};
        Tensor padMask = Tensor.of(new float[] {0, 0, 0, 1, 0, 0, 1, 1}, 2, 4);
        GradCheck.of("attention causal", q, k, v).run(
                t -> Attention.scaledDotProduct(t[0], t[1], t[2], true, null),
                d -> Reference.attention(d[0], d[1], d[2], true, null));
        GradCheck.of("attention padded", q, k, v).run(
                t -> Attention.scaledDotProduct(t[0], t[1], t[2], false, padMask),
                d -> Reference.attention(d[0], d[1], d[2], false, pad));
    }

    private static DArray scalar(double v) {
        return new DArray(new double[] {v}, new int[0]);
    }
}
