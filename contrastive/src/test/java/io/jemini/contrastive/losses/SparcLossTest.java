package io.jemini.contrastive.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import io.jemini.engine.testing.DArray;
import io.jemini.engine.testing.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SPARC's sparse similarity and both losses against finite differences of a double reference, and their properties. */
class SparcLossTest {
    private static final double[] MASK = {1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 0};

    @ParameterizedTest(name = "sigma = {0}")
    @ValueSource(doubles = {0.2, 0.0})
    void sparseSimilarityGradients(double sigmaOverP) {
        Rng rng = new Rng(3);
        int p = 5;
        float sigma = (float) (sigmaOverP == 0 ? 0 : 1.0 / p);
        DArray t = GradCheck.randn(rng, 2, 3, 4);
        DArray v = GradCheck.randn(rng, 2, p, 4);
        GradCheck.of("sparse similarity sigma=" + sigma, t, v).tolerances(1e-5, 2e-3).run(
                in -> SparseSimilarity.apply(in[0], in[1], sigma).grouped(),
                d -> SparcReference.grouped(d[0], d[1], sigma));
    }

    @Test
    void sparseSimilarityWithManyPatchesBelowTheThreshold() {
        Rng rng = new Rng(11);
        DArray t = GradCheck.randn(rng, 1, 4, 3);
        DArray v = GradCheck.randn(rng, 1, 9, 3);
        GradCheck.of("sparse similarity sigma=0.45", t, v).tolerances(1e-5, 2e-3).run(
                in -> SparseSimilarity.apply(in[0], in[1], 0.45f).grouped(), d -> SparcReference.grouped(d[0], d[1], 0.45));
    }

    @ParameterizedTest(name = "per sample = {0}")
    @ValueSource(booleans = {true, false})
    void fineGrainedLossGradients(boolean perSample) {
        Rng rng = new Rng(5);
        DArray c = GradCheck.randn(rng, 3, 4, 5);
        DArray t = GradCheck.randn(rng, 3, 4, 5);
        DArray logScale = new DArray(new double[] {Math.log(3.0)}, new int[0]);
        float[] mask = floats(MASK);
        ContrastiveLosses.Averaging avg = perSample ? ContrastiveLosses.Averaging.PER_SAMPLE : ContrastiveLosses.Averaging.PER_TOKEN;
        GradCheck.of("fine-grained loss", c, t, logScale).run(
                in -> ContrastiveLosses.fineGrained(in[0], in[1], mask, in[2].exp(), avg),
                d -> scalar(SparcReference.fineGrained(d[0], d[1], MASK, Math.exp(d[2].v()[0]), perSample)));
    }

    @Test
    void clipLossGradients() {
        Rng rng = new Rng(6);
        DArray image = GradCheck.randn(rng, 4, 6);
        DArray text = GradCheck.randn(rng, 4, 6);
        DArray logScale = new DArray(new double[] {Math.log(1 / 0.07)}, new int[0]);
        GradCheck.of("clip loss", image, text, logScale).run(
                in -> ContrastiveLosses.clip(in[0], in[1], in[2].exp()),
                d -> scalar(SparcReference.clip(d[0], d[1], Math.exp(d[2].v()[0]))));
    }

    @Test
    void filipLossGradients() {
        Rng rng = new Rng(12);
        DArray t = GradCheck.randn(rng, 3, 4, 5);
        DArray v = GradCheck.randn(rng, 3, 6, 5);
        DArray logScale = new DArray(new double[] {Math.log(4.0)}, new int[0]);
        float[] mask = floats(MASK);
        GradCheck.of("filip loss", t, v, logScale).run(
                in -> ContrastiveLosses.filip(in[0], in[1], mask, in[2].exp()),
                d -> scalar(SparcReference.filip(d[0], d[1], MASK, Math.exp(d[2].v()[0]))));
    }

    @Test
    void wholeSparcLossThroughTheSparseSimilarity() {
        Rng rng = new Rng(8);
        DArray t = GradCheck.randn(rng, 3, 4, 5);
        DArray v = GradCheck.randn(rng, 3, 6, 5);
        float[] mask = floats(MASK);
        GradCheck.of("sparc local branch", t, v).tolerances(1e-5, 2e-3).run(
                in -> ContrastiveLosses.fineGrained(SparseSimilarity.apply(in[0], in[1], 1f / 6).grouped(), in[0], mask,
                        Tensor.scalar(5f), ContrastiveLosses.Averaging.PER_SAMPLE),
                d -> scalar(SparcReference.fineGrained(SparcReference.grouped(d[0], d[1], 1.0 / 6), d[0], MASK, 5, true)));
    }

    @Test
    void alignmentWeightsSumToOneAndKeepTheRowMaximum() {
        Rng rng = new Rng(9);
        int b = 3;
        int l = 7;
        int p = 16;
        Tensor t = Tensor.randn(rng, 1f, b, l, 8);
        Tensor v = Tensor.randn(rng, 1f, b, p, 8);
        try (var s = GradMode.disabled()) {
            float[] a = SparseSimilarity.apply(t, v, 1f / p).weights();
            for (int row = 0; row < b * l; row++) {
                double sum = 0;
                int bestPatch = 0;
                double best = Double.NEGATIVE_INFINITY;
                for (int q = 0; q < p; q++) {
                    sum += a[row * p + q];
                    assertTrue(a[row * p + q] >= 0);
                    double dot = 0;
                    for (int e = 0; e < 8; e++) {
                        dot += t.data()[row * 8 + e] * v.data()[((row / l) * p + q) * 8 + e];
                    }
                    if (dot > best) {
                        best = dot;
                        bestPatch = q;
                    }
                }
                assertEquals(1.0, sum, 1e-5, "row " + row);
                assertTrue(a[row * p + bestPatch] > 0, "the most similar patch survives sigma = 1/P");
            }
        }
    }

    @Test
    void constantRowsAndFullyPaddedCaptionsStayFinite() {
        Tensor t = Tensor.zeros(2, 3, 4).requiresGrad(true);
        Tensor v = Tensor.randn(new Rng(1), 1f, 2, 5, 4).requiresGrad(true);
        float[] mask = {1, 1, 0, 0, 0, 0};
        Tensor loss = ContrastiveLosses.fineGrained(SparseSimilarity.apply(t, v, 0.2f).grouped(), t.add(1f), mask,
                Tensor.scalar(10f), ContrastiveLosses.Averaging.PER_SAMPLE);
        loss.backward();
        assertTrue(Float.isFinite(loss.item()), "loss " + loss.item());
        for (float g : v.gradData()) {
            assertTrue(Float.isFinite(g));
        }
        for (float g : t.gradData()) {
            assertTrue(Float.isFinite(g));
        }
    }

    private static float[] floats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private static DArray scalar(double v) {
        return new DArray(new double[] {v}, new int[0]);
    }
}
