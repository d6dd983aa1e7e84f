package io.jemini.engine.ops;

import io.jemini.engine.device.DeviceRuntime;
import io.jemini.engine.launch.MatmulLaunch;
import io.jemini.engine.launch.Parallel;
import io.jemini.kernels.jvm.MatrixProduct;
import io.jemini.kernels.jvm.NarrowMatmul;
import io.jemini.kernels.jvm.VectorMatmul;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the matmul implementation by problem size only (so the choice never depends on the
 * thread count): the reference kernel for small products, the tuned Vector API kernel otherwise
 * (the narrow kernel, with the reference kernel's bits, for C narrower than half its register
 * tile); on a device run, the device's tiled SGEMM.
 */
public final class Gemm {
    /** Below this many multiply-adds the reference kernel is used. */
    static final long TUNED_THRESHOLD = 16L * 16 * 16;

    private Gemm() {
    }

    /** One product {@code c (+)= a · b} of {@link #multiplyAll}. */
    public record Product(MatrixView a, MatrixView b, MatrixView c, boolean accumulate) {
        /**
         * The product as the kernels take it, into row-major storage: {@code cᵀ = bᵀ · aᵀ} for a
         * transposed destination.
         */
        MatrixProduct rowMajor() {
            if (c.transposed()) {
                return new Product(b.t(), a.t(), c.t(), accumulate).rowMajor();
            }
            if (a.rows() != c.rows() || b.cols() != c.cols() || a.cols() != b.rows()) {
                throw new IllegalArgumentException("matrix product of " + a.rows() + "x" + a.cols() + " and " + b.rows()
                        + "x" + b.cols() + " into " + c.rows() + "x" + c.cols());
            }
            return MatrixProduct.of(a.data(), a.offset(), a.ld(), a.transposed(), b.data(), b.offset(), b.ld(),
                    b.transposed(), c.data(), c.offset(), c.ld(), c.rows(), c.cols(), a.cols(), accumulate);
        }
    }

    /**
     * {@code c = a · b}, or {@code c += a · b} with {@code accumulate}. A transposed destination is
     * written through {@code cᵀ = bᵀ · aᵀ}, so every product lands in row-major storage.
     */
    public static void multiply(MatrixView a, MatrixView b, MatrixView c, boolean accumulate) {
        run(new Product(a, b, c, accumulate).rowMajor());
    }

    /**
     * Independent products at once, each with the result {@link #multiply} gives it. On the JVM
     * backend the products the tuned kernel takes run in one parallel pass, so many small ones
     * (an MoE layer's experts) keep every thread busy instead of each waiting on its own tail.
     */
    public static void multiplyAll(List<Product> products) {
        List<MatrixProduct> tuned = new ArrayList<>();
        for (Product product : products) {
            MatrixProduct p = product.rowMajor();
            if (DeviceRuntime.current() == null && tuned(p)) {
                tuned.add(p);
            } else {
                run(p);
            }
        }
        VectorMatmul.products(Parallel.backend(), tuned);
    }

    /** {@code C (+)= op(A) · op(B)} with C {@code m×n} and inner size k. */
    public static void run(float[] a, int aOff, int lda, boolean transA, float[] b, int bOff, int ldb, boolean transB,
                           float[] c, int cOff, int ldc, int m, int n, int k, boolean accumulate) {
        run(MatrixProduct.of(a, aOff, lda, transA, b, bOff, ldb, transB, c, cOff, ldc, m, n, k, accumulate));
    }

    /** One row-major product on the device, the tuned kernel or the reference kernel. */
    private static void run(MatrixProduct p) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.gemm(p.a(), p.aOff(), p.lda(), p.transA(), p.b(), p.bOff(), p.ldb(), p.transB(), p.c(), p.cOff(),
                    p.rowStep(), p.m(), p.n(), p.k(), p.accumulate());
        } else if (tuned(p)) {
            VectorMatmul.product(Parallel.backend(), p);
        } else if (large(p) && p.n() <= NarrowMatmul.MAX_COLUMNS) {
            NarrowMatmul.product(Parallel.backend(), p);
        } else {
            MatmulLaunch.gemm(p.m(), p.n() * Math.max(1, p.k()), p.a(), p.aOff(), p.lda(), p.transA() ? 1 : 0, p.b(),
                    p.bOff(), p.ldb(), p.transB() ? 1 : 0, p.c(), p.cOff(), p.rowStep(), p.n(), p.k(),
                    p.accumulate() ? 1 : 0);
        }
    }

    /**
     * Whether the tuned kernel takes a product: a large one at least {@link VectorMatmul#MIN_WIDTH}
     * wide. Narrower large ones (an MoE router's logits) go to the narrow kernel where its two
     * vectors hold them, small ones and the rest to the reference kernel, whose bits the narrow
     * kernel reproduces.
     */
    private static boolean tuned(MatrixProduct p) {
        return large(p) && p.n() >= VectorMatmul.MIN_WIDTH;
    }

    /** Whether a product has enough multiply-adds to leave the reference kernel. */
    private static boolean large(MatrixProduct p) {
        return (long) p.m() * p.n() * p.k() >= TUNED_THRESHOLD;
    }
}
