package io.jemini.opencl.runtime;

import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clEnqueueNDRangeKernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jocl.cl_kernel;

/**
 * The device fast path for matrix multiply: a tiled SGEMM in OpenCL C (local-memory panels,
 * 4×4 register blocks per work-item) with the portable kernel's exact contract, {@code C (+)=
 * op(A)·op(B)} with offsets, leading dimensions and both transposes. Tested against
 * {@code MatmulKernels.gemm}, as the Vector API matmul is on the JVM.
 */
public final class TiledGemm {
    private static final int TILE = 64;
    private static final int GROUP = 16;

    private final OpenClContext context;
    private final cl_kernel kernel;

    TiledGemm(OpenClContext context) {
        this.context = context;
        this.kernel = clCreateKernel(context.build("kernel tiled_gemm", source(), false), "tiled_gemm", null);
    }

    private static String source() {
        try (InputStream in = TiledGemm.class.getResourceAsStream("tiled_gemm.cl")) {
            if (in == null) {
                throw new IllegalStateException("tiled_gemm.cl is missing from the opencl jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Enqueues {@code C (+)= op(A)·op(B)}, C {@code m×n}, inner size k; arguments as {@code MatmulKernels.gemm}. */
    public synchronized void gemm(DeviceBuffer a, int aOff, int lda, boolean transA, DeviceBuffer b, int bOff, int ldb,
                                  boolean transB, DeviceBuffer c, int cOff, int ldc, int m, int n, int k, boolean accumulate) {
        if (m <= 0 || n <= 0) {
            return;
        }
        Object[] args = {a, aOff, lda, transA ? 1 : 0, b, bOff, ldb, transB ? 1 : 0, c, cOff, ldc, m, n, k, accumulate ? 1 : 0};
        for (int i = 0; i < args.length; i++) {
            KernelArgs.set(kernel, i, args[i]);
        }
        long[] global = {(long) ceil(n, TILE) * GROUP, (long) ceil(m, TILE) * GROUP};
        clEnqueueNDRangeKernel(context.queue(), kernel, 2, null, global, new long[] {GROUP, GROUP}, 0, null, null);
    }

    cl_kernel handle() {
        return kernel;
    }

    private static int ceil(int x, int tile) {
        return (x + tile - 1) / tile;
    }
}
