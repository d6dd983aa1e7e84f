package io.jemini.contrastive.losses;

import io.jemini.engine.autograd.Graph;
import io.jemini.engine.launch.SparseSimilarityLaunch;
import io.jemini.engine.tensor.ShapeException;
import io.jemini.engine.tensor.Tensor;

/**
 * SPARC's language-grouped vision embeddings as a differentiable op (paper eqs. 2–5): raw
 * token×patch similarities, per-token min–max across patches with an epsilon guard for constant
 * rows, threshold {@code sigma} (SPARC: 1/P; 0 disables sparsity), L1 normalisation, and the
 * weighted average of the un-normalised patch embeddings. Gradients flow through the minimum,
 * maximum, threshold and normalisation, as the paper's pseudo-code has no stop-gradient.
 */
public final class SparseSimilarity {
    /** The guard added to max − min. */
    public static final float EPS = 1e-8f;

    /** The op's outputs: grouped embeddings {@code [B, L, d]} and the alignment weights {@code [B, L, P]}. */
    public record Result(Tensor grouped, float[] weights) {
    }

    private SparseSimilarity() {
    }

    /** {@code tokens [B, L, d]}, {@code patches [B, P, d]}. */
    public static Result apply(Tensor tokens, Tensor patches, float sigma) {
        if (tokens.rank() != 3 || patches.rank() != 3 || tokens.dim(0) != patches.dim(0) || tokens.dim(2) != patches.dim(2)) {
            throw new ShapeException("sparse_similarity: tokens " + tokens.shape() + " and patches " + patches.shape()
                    + " must be [B, L, d] and [B, P, d]");
        }
        int b = tokens.dim(0);
        int l = tokens.dim(1);
        int p = patches.dim(1);
        int d = tokens.dim(2);
        int rows = b * l;
        float[] s = new float[rows * p];
        float[] a = new float[rows * p];
        int[] argMin = new int[rows];
        int[] argMax = new int[rows];
        float[] range = new float[rows];
        Tensor c = Tensor.zeros(b, l, d);
        int rowCost = 2 * p * d;
        SparseSimilarityLaunch.forward(rows, rowCost, tokens.buffer(), patches.buffer(), l, p, d, sigma, EPS, s, a, argMin, argMax,
                range, c.buffer());
        Graph.record("sparse_similarity", c, new Tensor[] {tokens, patches}, g -> {
            float[] ds = new float[rows * p];
            int withT = tokens.requiresGrad() ? 1 : 0;
            float[] dt = withT != 0 ? tokens.gradBuffer() : new float[0];
            SparseSimilarityLaunch.backwardRows(rows, rowCost, tokens.buffer(), patches.buffer(), s, a, argMin, argMax, range, g,
                    l, p, d, sigma, ds, dt, withT);
            if (patches.requiresGrad()) {
                SparseSimilarityLaunch.backwardPatches(b * p, 2 * l * d, tokens.buffer(), a, ds, g, l, p, d, patches.gradBuffer());
            }
        }, tokens, patches);
        return new Result(c, a);
    }
}
