package io.jemini.engine.ops;

import io.jemini.engine.autograd.Graph;
import io.jemini.engine.launch.Parallel;
import io.jemini.engine.tensor.Shape;
import io.jemini.engine.tensor.ShapeException;
import io.jemini.engine.tensor.Tensor;

/**
 * Matrix multiply and batched matrix multiply, {@code op(A) · op(B)}, where op transposes the last
 * two dimensions when asked, without copying. A 2-D B is shared by every batch of A; otherwise A
 * and B carry the same batch dimensions.
 */
public final class LinearAlgebra {
    private LinearAlgebra() {
    }

    public static Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
        String op = "matmul";
        if (a.rank() < 2 || b.rank() < 2) {
            throw new ShapeException(op + ": operands need at least 2 dimensions, got " + a.shape() + " and " + b.shape());
        }
        Shape as = a.shape();
        Shape bs = b.shape();
        int m = transA ? as.dim(-1) : as.dim(-2);
        int ka = transA ? as.dim(-2) : as.dim(-1);
        int kb = transB ? bs.dim(-1) : bs.dim(-2);
        int n = transB ? bs.dim(-2) : bs.dim(-1);
        if (ka != kb) {
            throw new ShapeException(op + ": inner dimensions differ: " + as + (transA ? "ᵀ" : "") + " · " + bs
                    + (transB ? "ᵀ" : "") + " (" + ka + " vs " + kb + ")");
        }
        int k = ka;
        boolean shared = b.rank() == 2;
        int batch = as.outer(as.rank() - 2);
        if (!shared) {
            if (b.rank() != a.rank() || bs.outer(bs.rank() - 2) != batch
                    || !bs.with(-1, 1).with(-2, 1).equals(as.with(-1, 1).with(-2, 1))) {
                throw new ShapeException(op + ": batch dimensions of " + as + " and " + bs
                        + " differ; expected equal batch dimensions or a 2-D right operand");
            }
        }
        int[] outDims = as.dims();
        outDims[outDims.length - 2] = m;
        outDims[outDims.length - 1] = n;
        Tensor c = Tensor.zeros(outDims);
        // With a shared B and an untransposed A the batch folds into A's rows: one product instead of `batch`.
        boolean folded = shared && !transA;
        int rows = folded ? batch * m : m;
        int items = folded ? 1 : batch;
        int aStride = as.dim(-1) * as.dim(-2);
        int bStride = shared ? 0 : bs.dim(-1) * bs.dim(-2);
        int cStride = m * n;
        MatrixView opA = MatrixView.op(a.buffer(), 0, transA ? k : rows, transA ? rows : k, transA);
        MatrixView opB = MatrixView.op(b.buffer(), 0, transB ? n : k, transB ? k : n, transB);
        MatrixView outC = MatrixView.of(c.buffer(), 0, rows, n);
        perBatch(items, rows, n, k, i -> Gemm.multiply(opA.shift(i * aStride), opB.shift(i * bStride),
                outC.shift(i * cStride), false));
        return Graph.record(op, c, new Tensor[] {a, b}, g -> {
            MatrixView dC = MatrixView.of(g, 0, rows, n);
            if (a.requiresGrad()) {
                MatrixView dOpA = MatrixView.op(a.gradBuffer(), 0, transA ? k : rows, transA ? rows : k, transA);
                // dA += dC · op(B)ᵀ
                perBatch(items, rows, k, n, i -> Gemm.multiply(dC.shift(i * cStride), opB.shift(i * bStride).t(),
                        dOpA.shift(i * aStride), true));
            }
            if (b.requiresGrad()) {
                MatrixView dOpB = MatrixView.op(b.gradBuffer(), 0, transB ? n : k, transB ? k : n, transB);
                // dB += op(A)ᵀ · dC, summed over the batch in order when B is shared
                java.util.function.IntConsumer item = i -> Gemm.multiply(opA.shift(i * aStride).t(), dC.shift(i * cStride),
                        dOpB.shift(i * bStride), true);
                if (shared) {
                    for (int i = 0; i < items; i++) {
                        item.accept(i);
                    }
                } else {
                    perBatch(items, k, n, rows, item);
                }
            }
        }, a, b);
    }

    /**
     * Runs one product per batch item, items spread over threads (each item's product runs on one
     * thread, so results do not depend on the thread count). Only for items writing disjoint output.
     */
    private static void perBatch(int batch, int m, int n, int k, java.util.function.IntConsumer item) {
        long cost = (long) m * n * k;
        Parallel.run(batch, (int) Math.min(Integer.MAX_VALUE, cost), (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                item.accept(i);
            }
        });
    }
}
