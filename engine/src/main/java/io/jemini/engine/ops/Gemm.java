package io.jemini.engine.ops;

import io.jemini.engine.device.DeviceRuntime;
import io.jemini.engine.launch.MatmulLaunch;
import io.jemini.engine.launch.Parallel;
import io.jemini.kernels.jvm.MatrixProduct;
import io.jemini.kernels.jvm.VectorMatmul;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the matmul implementation by problem size only (so the choice never depends on the
 * thread count): the reference kernel for small products, the tuned Vector API kernel otherwise;
 * on a device run, the device's tiled SGEMM.
 */
public final class Gemm {
    /** Below this many multiply-adds the reference kernel is used. */
    static final long TUNED_THRESHOLD = 16L * 16 * 16;

    private Gemm() {
    }

    /** One product {@code c (+)= a · b} of {@link #multiplyAll}. */
    public record Product(MatrixView a, MatrixView b, MatrixView c, boolean accumulate) {
        /** The same product with a row-major destination: {@code cᵀ = bᵀ · aᵀ} for a transposed one. */
        Product rowMajor() {
            Product p = c.transposed() ? new Product(b.t(), a.t(), c.t(), accumulate) : this;
            if (p.a.rows() != p.c.rows() || p.b.cols() != p.c.cols() || p.a.cols() != p.b.rows()) {
                throw new IllegalArgumentException("matrix product of " + p.a.rows() + "x" + p.a.cols() + " and "
                        + p.b.rows() + "x" + p.b.cols() + " into " + p.c.rows() + "x" + p.c.cols());
            }
            return p;
        }
    }

    /**
     * {@code c = a · b}, or {@code c += a · b} with {@code accumulate}. A transposed destination is
     * written through {@code cᵀ = bᵀ · aᵀ}, so every product lands in row-major storage.
     */
    public static void multiply(MatrixView a, MatrixView b, MatrixView c, boolean accumulate) {
        Product p = new Product(a, b, c, accumulate).rowMajor();
        run(p.a.data(), p.a.offset(), p.a.ld(), p.a.transposed(), p.b.data(), p.b.offset(), p.b.ld(), p.b.transposed(),
                p.c.data(), p.c.offset(), p.c.ld(), p.c.rows(), p.c.cols(), p.a.cols(), accumulate);
    }

    /**
     * Independent products at once, each with the result {@link #multiply} gives it. On the JVM
     * backend the products the tuned kernel takes run in one parallel pass, so many small ones
     * (an MoE layer's experts) keep every thread busy instead of each waiting on its own tail.
     */
    public static void multiplyAll(List<Product> products) {
        if (DeviceRuntime.current() != null) {
            products.forEach(p -> multiply(p.a, p.b, p.c, p.accumulate));
            return;
        }
        List<MatrixProduct> tuned = new ArrayList<>();
        for (Product product : products) {
            Product p = product.rowMajor();
            int m = p.c.rows();
            int n = p.c.cols();
            int k = p.a.cols();
            if (tuned(m, n, k)) {
                tuned.add(MatrixProduct.of(p.a.data(), p.a.offset(), p.a.ld(), p.a.transposed(), p.b.data(), p.b.offset(),
                        p.b.ld(), p.b.transposed(), p.c.data(), p.c.offset(), p.c.ld(), m, n, k, p.accumulate));
            } else {
                multiply(p.a, p.b, p.c, p.accumulate);
            }
        }
        VectorMatmul.products(Parallel.backend(), tuned);
    }

    /** {@code C (+)= op(A) · op(B)} with C {@code m×n} and inner size k. */
    public static void run(float[] a, int aOff, int lda, boolean transA, float[] b, int bOff, int ldb, boolean transB,
                           float[] c, int cOff, int ldc, int m, int n, int k, boolean accumulate) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.gemm(a, aOff, lda, transA, b, bOff, ldb, transB, c, cOff, ldc, m, n, k, accumulate);
            return;
        }
        if (tuned(m, n, k)) {
            VectorMatmul.gemm(Parallel.backend(), a, aOff, lda, transA, b, bOff, ldb, transB, c, cOff, ldc, m, n, k,
                    accumulate);
        } else {
            int ta = transA ? 1 : 0;
            int tb = transB ? 1 : 0;
            int acc = accumulate ? 1 : 0;
            MatmulLaunch.gemm(m, n * Math.max(1, k), a, aOff, lda, ta, b, bOff, ldb, tb, c, cOff, ldc, n, k, acc);
        }
    }

    /** Whether the tuned kernel takes a product of this size (the reference kernel takes the rest). */
    private static boolean tuned(int m, int n, int k) {
        return (long) m * n * k >= TUNED_THRESHOLD && n >= VectorMatmul.NR / 2;
    }
}
