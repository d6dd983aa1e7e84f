package io.jemini.opencl.check;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A launch with valid random inputs for every portable kernel: shapes small enough to run in
 * milliseconds, indices within range, positive inputs where the function needs them, and integer
 * inputs (top-k choices, arg-max, saved statistics) produced by the forward kernel on the JVM.
 */
public final class KernelCases {
    private final SplittableRandom rng = new SplittableRandom(20261201L);

    public static List<KernelCase> all() {
        return new KernelCases().build();
    }

    private List<KernelCase> build() {
        List<KernelCase> cases = new ArrayList<>();
        binary(cases);
        crossEntropy(cases);
        cases.add(new KernelCase("DropoutKernels.apply", 64, 1, rand(64), rand(64), 77L, 0.3f, 1));
        attention(cases);
        index(cases);
        cases.add(new KernelCase("MatmulKernels.gemm", 5, 7, rand(5 * 7), 0, 7, 0, rand(7 * 6), 0, 7, 1, rand(5 * 6),
                0, 6, 6,
                7, 1));
        cases.add(new KernelCase("MatmulKernels.gemm", 4, 5, rand(40), 3, 8, 1, rand(60), 2, 6, 0, rand(4 * 6), 0, 6,
                4, 5, 0));
        moe(cases);
        norm(cases);
        optimizer(cases);
        reduce(cases);
        int t = 5;
        int d = 8;
        cases.add(new KernelCase("RotaryKernels.rotate", 3 * t, 1, rand(3 * t * d), rand(3 * t * d), rand(9 * d / 2),
                rand(9 * d / 2), t, d, 2, -1.0f, 1));
        softmax(cases);
        sparseSimilarity(cases);
        unary(cases);
        return cases;
    }

    private void binary(List<KernelCase> cases) {
        for (int op = 0; op < 4; op++) {
            cases.add(new KernelCase("BinaryKernels.apply", 24, 1, op, rand(24), op == 3 ? positive(24) : rand(24),
                    rand(24)));
            cases.add(new KernelCase("BinaryKernels.applyBroadcast", 6, 1, op, rand(24),
                    op == 3 ? positive(4) : rand(4),
                    rand(24), new int[] {2, 3, 4}, new int[] {12, 4, 1}, new int[] {0, 0, 1}, 3));
        }
        cases.add(new KernelCase("BinaryKernels.affine", 24, 1, rand(24), 1.5f, -0.25f, rand(24)));
        cases.add(new KernelCase("BinaryKernels.axpy", 24, 1, 0.7f, rand(24), rand(24)));
        cases.add(new KernelCase("BinaryKernels.mulAccumulate", 24, 1, rand(24), rand(24), rand(24)));
        cases.add(new KernelCase("BinaryKernels.select", 24, 1, mask(24), rand(24), rand(24), rand(24)));
        cases.add(new KernelCase("BinaryKernels.selectBackward", 24, 1, mask(24), rand(24), rand(24), rand(24), 1, 1));
        cases.add(new KernelCase("BinaryKernels.maskedFill", 6, 1, rand(24), mask(4), -1e9f, rand(24), new int[] {6, 4},
                new int[] {0, 1}, 2));
    }

    private void crossEntropy(List<KernelCase> cases) {
        int rows = 6;
        int classes = 5;
        float[] logits = rand(rows * classes);
        int[] target = ints(rows, classes);
        target[2] = -100;
        float[] loss = new float[rows];
        float[] lse = new float[rows];
        new KernelCase("CrossEntropyKernels.forward", rows, classes, logits, target, loss, lse, classes, -100, 0.1f)
                .runOnJvmInPlace();
        cases.add(new KernelCase("CrossEntropyKernels.forward", rows, classes, logits, target, rand(rows),
                rand(rows), classes,
                -100, 0.1f));
        cases.add(new KernelCase("CrossEntropyKernels.backward", rows, classes, logits, target, lse, rand(rows),
                rand(rows * classes), classes, -100, 0.1f));
    }

    private void attention(List<KernelCase> cases) {
        int b = 2;
        int hq = 2;
        int hkv = 1;
        int tq = 4;
        int tk = 6;
        int cap = 7;
        int d = 4;
        float scale = 0.5f;
        int rows = b * hq * tq;
        float[] q = rand(rows * d);
        float[] k = rand(b * hkv * cap * d);
        float[] v = rand(b * hkv * cap * d);
        int[] padding = new int[b * tk];
        padding[1] = 1;
        for (int causal = 0; causal < 2; causal++) {
            int window = causal == 1 ? 3 : 0;
            float[] out = new float[rows * d];
            float[] lse = new float[rows];
            new KernelCase("FlashAttentionKernels.forward", rows, tk * d, q, k, v, out, lse, hq, hkv, tq, tk, cap, d,
                    scale,
                    causal, window, padding, 1).runOnJvmInPlace();
            float[] dOut = rand(rows * d);
            float[] delta = new float[rows];
            new KernelCase("FlashAttentionKernels.rowDot", rows, d, dOut, out, delta, d).runOnJvmInPlace();
            cases.add(new KernelCase("FlashAttentionKernels.forward", rows, tk * d, q, k, v, rand(rows * d),
                    rand(rows), hq, hkv,
                    tq, tk, cap, d, scale, causal, window, padding, 1));
            cases.add(new KernelCase("FlashAttentionKernels.rowDot", rows, d, dOut, out, rand(rows), d));
            cases.add(new KernelCase("FlashAttentionKernels.backwardQuery", rows, tk * d, q, k, v, lse, delta, dOut,
                    rand(rows * d), hq, hkv, tq, tk, cap, d, scale, causal, window, padding, 1));
            cases.add(new KernelCase("FlashAttentionKernels.backwardKeyValue", b * hkv * tk, hq * tq * d, q, k, v,
                    lse, delta,
                    dOut, rand(k.length), rand(v.length), hq, hkv, tq, tk, cap, d, scale, causal, window, padding, 1));
        }
    }

    private void index(List<KernelCase> cases) {
        int r = 7;
        int n = 5;
        int inner = 3;
        cases.add(new KernelCase("IndexKernels.indexSelect", 2 * n, 1, rand(2 * r * inner), ints(n, r),
                rand(2 * n * inner), r, n,
                inner));
        cases.add(new KernelCase("IndexKernels.indexSelectBackward", 2, n, rand(2 * n * inner), ints(n, r),
                rand(2 * r * inner),
                r, n, inner));
        cases.add(new KernelCase("IndexKernels.gather", 2 * n * inner, 1, rand(2 * r * inner), ints(2 * n * inner, r),
                rand(2 * n * inner), r, n, inner));
        cases.add(new KernelCase("IndexKernels.scatterAdd", 2 * inner, n, rand(2 * n * inner), ints(2 * n * inner, r),
                rand(2 * r * inner), r, n, inner));
        cases.add(new KernelCase("IndexKernels.copyAxisBlock", 2, 1, rand(2 * r * inner), r, 2, rand(2 * n * inner),
                n, 1, 3,
                inner, 1));
        cases.add(new KernelCase("IndexKernels.permute", 3 * 4, 1, rand(24), rand(24), new int[] {3, 4, 2},
                new int[] {2, 6, 1},
                3, 1));
    }

    private void moe(List<KernelCase> cases) {
        int tokens = 9;
        int experts = 4;
        int k = 2;
        int assignments = tokens * k;
        float[] scores = rand(tokens * experts);
        scores[5] = scores[6];
        int[] index = new int[assignments];
        new KernelCase("MoeKernels.topK", tokens, experts, scores, experts, k, index).runOnJvmInPlace();
        int[] counts = new int[experts];
        new KernelCase("MoeKernels.histogram", experts, assignments, index, assignments, counts).runOnJvmInPlace();
        int[] offsets = new int[experts];
        for (int e = 1; e < experts; e++) {
            offsets[e] = offsets[e - 1] + Math.min(counts[e - 1], 3);
        }
        int[] order = new int[assignments];
        for (int a = 0; a < assignments; a++) {
            order[a] = (a * 7) % assignments;
        }
        int[] position = new int[assignments];
        int[] tokenOfRow = new int[assignments];
        new KernelCase("MoeKernels.dispatch", experts, assignments, index, order, assignments, k, offsets, 3,
                position, tokenOfRow)
                .runOnJvmInPlace();
        int dim = 5;
        float[] rows = rand(assignments * dim);
        float[] gate = positive(assignments);
        cases.add(new KernelCase("MoeKernels.topK", tokens, experts, scores, experts, k, new int[assignments]));
        cases.add(new KernelCase("MoeKernels.histogram", experts, assignments, index, assignments, new int[experts]));
        cases.add(new KernelCase("MoeKernels.dispatch", experts, assignments, index, order, assignments, k, offsets, 3,
                new int[assignments], new int[assignments]));
        cases.add(new KernelCase("MoeKernels.combine", tokens, k, rows, position, gate, rand(tokens * dim), k, dim));
        cases.add(new KernelCase("MoeKernels.combineBackward", tokens, dim, rows, position, gate, rand(tokens * dim),
                rand(rows.length), rand(assignments), 1, 1, k, dim));
    }

    private void norm(List<KernelCase> cases) {
        int rows = 6;
        int d = 16;
        float[] x = rand(rows * d);
        float[] w = rand(d);
        float[] b = rand(d);
        float[] mean = new float[rows];
        float[] rstd = new float[rows];
        new KernelCase("NormKernels.layerNorm", rows, d, x, w, b, new float[rows * d], mean, rstd, d,
                1e-5f).runOnJvmInPlace();
        float[] rms = new float[rows];
        new KernelCase("NormKernels.rmsNorm", rows, d, x, w, new float[rows * d], rms, d, 1e-6f).runOnJvmInPlace();
        float[] y = new float[rows * d];
        float[] norms = new float[rows];
        new KernelCase("NormKernels.l2Normalize", rows, d, x, y, norms, d, 1e-12f).runOnJvmInPlace();
        cases.add(new KernelCase("NormKernels.layerNorm", rows, d, x, w, b, rand(rows * d), rand(rows), rand(rows),
                d, 1e-5f));
        cases.add(new KernelCase("NormKernels.layerNormBackward", rows, d, x, w, mean, rstd, rand(rows * d),
                rand(rows * d), d));
        cases.add(new KernelCase("NormKernels.layerNormParamBackward", d, rows, x, mean, rstd, rand(rows * d),
                rand(d), rand(d),
                rows, d));
        cases.add(new KernelCase("NormKernels.rmsNorm", rows, d, x, w, rand(rows * d), rand(rows), d, 1e-6f));
        cases.add(new KernelCase("NormKernels.rmsNormBackward", rows, d, x, w, rms, rand(rows * d), rand(rows * d), d));
        cases.add(new KernelCase("NormKernels.rmsNormParamBackward", d, rows, x, rms, rand(rows * d), rand(d), rows,
                d));
        cases.add(new KernelCase("NormKernels.l2Normalize", rows, d, x, rand(rows * d), rand(rows), d, 1e-12f));
        cases.add(new KernelCase("NormKernels.l2NormalizeBackward", rows, d, y, norms, rand(rows * d),
                rand(rows * d), d, 1e-12f));
    }

    private void optimizer(List<KernelCase> cases) {
        int n = 40;
        cases.add(new KernelCase("OptimizerKernels.adamW", n, 1, rand(n), rand(n), rand(n), positive(n), 1e-3f, 0.9f,
                0.95f, 1e-8f,
                0.1f, 0.19f, 0.0975f));
        cases.add(new KernelCase("OptimizerKernels.sgd", n, 1, rand(n), rand(n), rand(n), 0.01f, 0.9f, 0.01f, 0));
        cases.add(new KernelCase("OptimizerKernels.scale", n, 1, rand(n), 0.37f));
    }

    private void reduce(List<KernelCase> cases) {
        int outer = 3;
        int r = 6;
        int inner = 4;
        float[] x = rand(outer * r * inner);
        int[] arg = new int[outer * inner];
        new KernelCase("ReduceKernels.extreme", outer * inner, r, x, new float[outer * inner], arg, r, inner,
                1).runOnJvmInPlace();
        cases.add(new KernelCase("ReduceKernels.sum", outer * inner, r, x, rand(outer * inner), r, inner, 0.5f));
        cases.add(new KernelCase("ReduceKernels.sumBackward", outer * inner, 1, rand(outer * inner), rand(x.length),
                r, inner,
                0.5f));
        cases.add(new KernelCase("ReduceKernels.extreme", outer * inner, 1, x, rand(outer * inner),
                new int[outer * inner], r,
                inner, 1));
        cases.add(new KernelCase("ReduceKernels.extreme", outer * inner, 1, x, rand(outer * inner),
                new int[outer * inner], r,
                inner, -1));
        cases.add(new KernelCase("ReduceKernels.extremeBackward", outer * inner, 1, rand(outer * inner), arg,
                rand(x.length), r,
                inner));
        cases.add(new KernelCase("ReduceKernels.blockSums", 5, 16, rand(70), 70, 16, new double[5]));
        cases.add(new KernelCase("ReduceKernels.blockSumSquares", 5, 16, rand(70), 70, 16, new double[5]));
    }

    private void softmax(List<KernelCase> cases) {
        int outer = 3;
        int r = 7;
        int inner = 2;
        int lines = outer * inner;
        int len = outer * r * inner;
        float[] x = rand(len);
        float[] y = new float[len];
        float[] ly = new float[len];
        float[] lse = new float[lines];
        new KernelCase("SoftmaxKernels.softmax", lines, r, x, y, r, inner).runOnJvmInPlace();
        new KernelCase("SoftmaxKernels.logSoftmax", lines, r, x, ly, r, inner).runOnJvmInPlace();
        new KernelCase("SoftmaxKernels.logSumExp", lines, r, x, lse, r, inner).runOnJvmInPlace();
        cases.add(new KernelCase("SoftmaxKernels.softmax", lines, r, x, rand(len), r, inner));
        cases.add(new KernelCase("SoftmaxKernels.softmaxBackward", lines, r, y, rand(len), rand(len), r, inner));
        cases.add(new KernelCase("SoftmaxKernels.logSoftmax", lines, r, x, rand(len), r, inner));
        cases.add(new KernelCase("SoftmaxKernels.logSoftmaxBackward", lines, r, ly, rand(len), rand(len), r, inner));
        cases.add(new KernelCase("SoftmaxKernels.logSumExp", lines, r, x, rand(lines), r, inner));
        cases.add(new KernelCase("SoftmaxKernels.logSumExpBackward", lines, r, x, lse, rand(lines), rand(len), r,
                inner));
    }

    private void sparseSimilarity(List<KernelCase> cases) {
        int b = 2;
        int tokens = 3;
        int patches = 5;
        int dim = 4;
        int rows = b * tokens;
        float[] t = rand(rows * dim);
        float[] v = rand(b * patches * dim);
        float sigma = 0.2f;
        float[] s = new float[rows * patches];
        float[] a = new float[rows * patches];
        int[] argMin = new int[rows];
        int[] argMax = new int[rows];
        float[] range = new float[rows];
        new KernelCase("SparseSimilarityKernels.forward", rows, patches * dim, t, v, tokens, patches, dim, sigma,
                1e-8f, s, a,
                argMin, argMax, range, new float[rows * dim]).runOnJvmInPlace();
        float[] dc = rand(rows * dim);
        float[] ds = new float[rows * patches];
        new KernelCase("SparseSimilarityKernels.backwardRows", rows, patches * dim, t, v, s, a, argMin, argMax,
                range, dc,
                tokens, patches, dim, sigma, ds, new float[rows * dim], 1).runOnJvmInPlace();
        cases.add(new KernelCase("SparseSimilarityKernels.forward", rows, patches * dim, t, v, tokens, patches, dim,
                sigma, 1e-8f,
                rand(rows * patches), rand(rows * patches), new int[rows], new int[rows], rand(rows),
                        rand(rows * dim)));
        cases.add(new KernelCase("SparseSimilarityKernels.backwardRows", rows, patches * dim, t, v, s, a, argMin,
                argMax, range,
                dc, tokens, patches, dim, sigma, rand(rows * patches), rand(rows * dim), 1));
        cases.add(new KernelCase("SparseSimilarityKernels.backwardPatches", b * patches, tokens * dim, t, a, ds, dc,
                tokens,
                patches, dim, rand(v.length)));
    }

    private void unary(List<KernelCase> cases) {
        int n = 48;
        for (String f : List.of("neg", "exp", "abs", "tanh", "sigmoid", "relu", "silu", "gelu", "geluTanh")) {
            cases.add(new KernelCase("UnaryKernels." + f, n, 1, rand(n), rand(n)));
        }
        cases.add(new KernelCase("UnaryKernels.fill", n, 1, rand(n), -0.5f));
        cases.add(new KernelCase("UnaryKernels.log", n, 1, positive(n), rand(n)));
        cases.add(new KernelCase("UnaryKernels.sqrt", n, 1, positive(n), rand(n)));
        cases.add(new KernelCase("UnaryKernels.pow", n, 1, positive(n), 1.7f, rand(n)));
        cases.add(new KernelCase("UnaryKernels.pow", n, 1, rand(n), 2.0f, rand(n)));
        cases.add(new KernelCase("UnaryKernels.powBackward", n, 1, positive(n), 1.7f, rand(n), rand(n)));
        cases.add(new KernelCase("UnaryKernels.negBackward", n, 1, rand(n), rand(n)));
        float[] withZero = rand(n);
        withZero[3] = 0.0f;
        for (String f : List.of("absBackward", "reluBackward", "siluBackward", "geluBackward", "geluTanhBackward")) {
            cases.add(new KernelCase("UnaryKernels." + f, n, 1, withZero, rand(n), rand(n)));
        }
        float[] pos = positive(n);
        cases.add(new KernelCase("UnaryKernels.logBackward", n, 1, pos, rand(n), rand(n)));
        for (String f : List.of("expBackward", "sqrtBackward", "tanhBackward", "sigmoidBackward")) {
            cases.add(new KernelCase("UnaryKernels." + f, n, 1, pos, rand(n), rand(n)));
        }
    }

    private float[] rand(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextDouble() * 4.0 - 2.0);
        }
        return x;
    }

    private float[] positive(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.25 + rng.nextDouble() * 2.0);
        }
        return x;
    }

    private float[] mask(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextBoolean() ? 1.0f : 0.0f;
        }
        return x;
    }

    private int[] ints(int n, int bound) {
        int[] x = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextInt(bound);
        }
        return x;
    }
}
