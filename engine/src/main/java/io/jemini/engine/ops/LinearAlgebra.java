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
        int lda = as.dim(-1);
        int ldb = bs.dim(-1);
        int aStride = as.dim(-1) * as.dim(-2);
        int bStride = shared ? 0 : bs.dim(-1) * bs.dim(-2);
        int cStride = m * n;
        if (shared && !transA) {
            Gemm.run(a.buffer(), 0, lda, false, b.buffer(), 0, ldb, transB, c.buffer(), 0, n, batch * m, n, k, false);
        } else {
            perBatch(batch, m, n, k, i -> Gemm.run(a.buffer(), i * aStride, lda, transA, b.buffer(), i * bStride,
                    ldb, transB,
                    c.buffer(), i * cStride, n, m, n, k, false));
        }
        return Graph.record(op, c, new Tensor[] {a, b}, g -> {
            if (a.requiresGrad()) {
                float[] da = a.gradBuffer();
                if (shared && !transA) {
                    Gemm.run(g, 0, n, false, b.buffer(), 0, ldb, !transB, da, 0, lda, batch * m, k, n, true);
                } else {
                    perBatch(batch, m, n, k, i -> {
                        if (!transA) {
                            Gemm.run(g, i * cStride, n, false, b.buffer(), i * bStride, ldb, !transB, da,
                                    i * aStride, lda,
                                    m, k, n, true);
                        } else {
                            Gemm.run(b.buffer(), i * bStride, ldb, transB, g, i * cStride, n, true, da, i * aStride,
                                    lda,
                                    k, m, n, true);
                        }
                    });
                }
            }
            if (b.requiresGrad()) {
                float[] db = b.gradBuffer();
                if (shared && !transA) {
                    if (!transB) {
                        Gemm.run(a.buffer(), 0, lda, true, g, 0, n, false, db, 0, ldb, k, n, batch * m, true);
                    } else {
                        Gemm.run(g, 0, n, true, a.buffer(), 0, lda, false, db, 0, ldb, n, k, batch * m, true);
                    }
                } else {
                    java.util.function.IntConsumer item = i -> {
                        if (!transB) {
                            Gemm.run(a.buffer(), i * aStride, lda, !transA, g, i * cStride, n, false, db,
                                    i * bStride, ldb,
                                    k, n, m, true);
                        } else {
                            Gemm.run(g, i * cStride, n, true, a.buffer(), i * aStride, lda, transA, db, i * bStride,
                                    ldb,
                                    n, k, m, true);
                        }
                    };
                    if (shared) {
                        for (int i = 0; i < batch; i++) {
                            item.accept(i);
                        }
                    } else {
                        perBatch(batch, m, n, k, item);
                    }
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
