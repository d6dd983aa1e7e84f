package io.jemini.kernels.jvm;

import io.jemini.kernels.backend.JvmBackend;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The tuned JVM matrix multiply: BLIS-style cache blocking with packed panels of A and B and a
 * register-tiled Vector API micro-kernel of {@link #MR} rows by three vectors. Same contract as
 * {@link io.jemini.kernels.MatmulKernels#gemm}, which it is tested against. Each element of C
 * sums over k in a fixed block order, so the result does not depend on the thread count.
 */
public final class VectorMatmul {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Rows of the register tile. */
    public static final int MR = 3;
    /** Columns of the register tile: three vectors. */
    public static final int NR = 3 * LANES;
    private static final int KC = 512;
    private static final int MC = 16 * MR;
    private static final int NC = 4096;

    private VectorMatmul() {
    }

    /** Below this many flops a product runs on the calling thread: forking would cost more than it saves. */
    private static final double SERIAL_FLOPS = 1 << 21;
    /** Most floats of partial sums the split-k path may hold. */
    private static final long SPLIT_K_FLOATS = 1 << 22;
    private static final ThreadLocal<float[]> PACKED_A = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> PACKED_B = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> PARTIALS = ThreadLocal.withInitial(() -> new float[0]);

    /**
     * {@code C (+)= op(A) · op(B)} for an {@code m×n} C; see the reference kernel for the layout.
     * Each element sums its k range in blocks of {@link #KC}, each block from zero, the blocks
     * added in order: {@code c = t0 (+ c), c = t1 + c, …}. Small products run on the calling
     * thread; products too small in m and n to occupy the threads compute their k blocks in
     * parallel into separate buffers and add them in the same order, so every path gives the same
     * bits.
     */
    public static void gemm(JvmBackend backend, float[] a, int aOff, int lda, boolean transA, float[] b, int bOff,
                            int ldb, boolean transB, float[] c, int cOff, int ldc, int m, int n, int k,
                            boolean accumulate) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0.0f);
                }
            }
            return;
        }
        boolean serial = backend.threads() == 1 || 2.0 * m * n * k < SERIAL_FLOPS;
        int mBlocks = (m + MC - 1) / MC;
        int kBlocks = (k + KC - 1) / KC;
        int allPanels = (n + NR - 1) / NR;
        if (!serial && kBlocks > 1 && n <= NC && (long) mBlocks * allPanels < 16L * backend.threads()
                && (long) (kBlocks - 1) * m * n <= SPLIT_K_FLOATS) {
            splitK(backend, a, aOff, lda, transA, b, bOff, ldb, transB, c, cOff, ldc, m, n, k, accumulate);
            return;
        }
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            int panels = (nc + NR - 1) / NR;
            int panelStride = NR * Math.min(KC, k);
            float[] packedB = scratch(PACKED_B, panels * panelStride);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean add = accumulate || pc > 0;
                int col0 = jc;
                int k0 = pc;
                run(backend, serial, panels, 4,
                        (lo, hi) -> packB(b, bOff, ldb, transB, k0, kc, col0, nc, packedB, 0, panelStride, lo, hi));
                int nChunks = Math.max(1, Math.min(panels, (4 * backend.threads() + mBlocks - 1) / mBlocks));
                int panelsPerChunk = (panels + nChunks - 1) / nChunks;
                run(backend, serial, mBlocks * nChunks, 1, (lo, hi) -> {
                    float[] packedA = scratch(PACKED_A, MC * kc);
                    for (int task = lo; task < hi; task++) {
                        int ic = (task / nChunks) * MC;
                        int mc = Math.min(MC, m - ic);
                        int p0 = (task % nChunks) * panelsPerChunk;
                        int p1 = Math.min(panels, p0 + panelsPerChunk);
                        packA(a, aOff, lda, transA, ic, mc, k0, kc, packedA);
                        block(packedA, packedB, 0, panelStride, kc, mc, p0, p1, col0, nc, c, cOff + ic * ldc, ldc, add);
                    }
                });
            }
        }
    }

    /**
     * The product of a short, narrow C over a long k (a weight gradient {@code dYᵀ·X}): all of B
     * is packed once, every (k block, row block, column chunk) is a task, block 0 lands in C and
     * block kb in partial buffer kb - 1, and the partials are then added into C in block order.
     */
    private static void splitK(JvmBackend backend, float[] a, int aOff, int lda, boolean transA, float[] b, int bOff,
                               int ldb, boolean transB, float[] c, int cOff, int ldc, int m, int n, int k,
                               boolean accumulate) {
        int kBlocks = (k + KC - 1) / KC;
        int mBlocks = (m + MC - 1) / MC;
        int panels = (n + NR - 1) / NR;
        int panelStride = NR * KC;
        int blockStride = panels * panelStride;
        float[] packedB = scratch(PACKED_B, kBlocks * blockStride);
        float[] partials = scratch(PARTIALS, (kBlocks - 1) * m * n);
        int nChunks = Math.max(1, Math.min(panels, (4 * backend.threads() + kBlocks * mBlocks - 1) / (kBlocks * mBlocks)));
        int panelsPerChunk = (panels + nChunks - 1) / nChunks;
        backend.parallelFor(kBlocks * panels, 1, (lo, hi) -> {
            for (int t = lo; t < hi; t++) {
                int kb = t / panels;
                int panel = t % panels;
                packB(b, bOff, ldb, transB, kb * KC, Math.min(KC, k - kb * KC), 0, n, packedB, kb * blockStride, panelStride,
                        panel, panel + 1);
            }
        });
        backend.parallelFor(kBlocks * mBlocks * nChunks, 1, (lo, hi) -> {
            for (int task = lo; task < hi; task++) {
                int kb = task / (mBlocks * nChunks);
                int ic = (task / nChunks % mBlocks) * MC;
                int p0 = (task % nChunks) * panelsPerChunk;
                int p1 = Math.min(panels, p0 + panelsPerChunk);
                int mc = Math.min(MC, m - ic);
                int kc = Math.min(KC, k - kb * KC);
                float[] packedA = scratch(PACKED_A, MC * kc);
                packA(a, aOff, lda, transA, ic, mc, kb * KC, kc, packedA);
                if (kb == 0) {
                    block(packedA, packedB, 0, panelStride, kc, mc, p0, p1, 0, n, c, cOff + ic * ldc, ldc, accumulate);
                } else {
                    block(packedA, packedB, kb * blockStride, panelStride, kc, mc, p0, p1, 0, n, partials,
                            (kb - 1) * m * n + ic * n, n, false);
                }
            }
        });
        backend.parallelFor(m, Math.max(1, 4096 / n), (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                int row = cOff + i * ldc;
                for (int kb = 1; kb < kBlocks; kb++) {
                    int src = (kb - 1) * m * n + i * n;
                    for (int j = 0; j < n; j++) {
                        c[row + j] = partials[src + j] + c[row + j];
                    }
                }
            }
        });
    }

    /** Row block {@code [mc × kc]} of packed A against panels {@code p0 … p1} of packed B, into C at {@code cBase}. */
    private static void block(float[] packedA, float[] packedB, int bBase, int panelStride, int kc, int mc, int p0, int p1,
                              int col0, int nc, float[] c, int cBase, int ldc, boolean add) {
        float[] tile = new float[MR * NR];
        for (int panel = p0; panel < p1; panel++) {
            int j = col0 + panel * NR;
            int nr = Math.min(NR, col0 + nc - j);
            for (int ir = 0; ir < mc; ir += MR) {
                int mr = Math.min(MR, mc - ir);
                microKernel(packedA, ir * kc, packedB, bBase + panel * panelStride, kc, tile);
                storeTile(tile, c, cBase + ir * ldc + j, ldc, mr, nr, add);
            }
        }
    }

    /** {@code body} over {@code [0, count)}: on this thread when {@code serial}, else split over the backend. */
    private static void run(JvmBackend backend, boolean serial, int count, int grain, io.jemini.kernels.backend.RangeBody body) {
        if (serial) {
            body.run(0, count);
        } else {
            backend.parallelFor(count, grain, body);
        }
    }

    /** This thread's buffer of at least {@code size} floats (contents undefined). */
    private static float[] scratch(ThreadLocal<float[]> slot, int size) {
        float[] buf = slot.get();
        if (buf.length < size) {
            buf = new float[size];
            slot.set(buf);
        }
        return buf;
    }

    private static void packB(float[] b, int bOff, int ldb, boolean transB, int k0, int kc, int col0, int nc,
                              float[] packed, int base, int panelStride, int lo, int hi) {
        for (int panel = lo; panel < hi; panel++) {
            int dst = base + panel * panelStride;
            int j0 = col0 + panel * NR;
            int width = Math.min(NR, col0 + nc - j0);
            for (int p = 0; p < kc; p++) {
                int row = k0 + p;
                int o = dst + p * NR;
                if (!transB) {
                    System.arraycopy(b, bOff + row * ldb + j0, packed, o, width);
                } else {
                    for (int jj = 0; jj < width; jj++) {
                        packed[o + jj] = b[bOff + (j0 + jj) * ldb + row];
                    }
                }
                for (int jj = width; jj < NR; jj++) {
                    packed[o + jj] = 0.0f;
                }
            }
        }
    }

    /**
     * Packs an {@code mc×kc} block of op(A) into {@code MR}-row micro-panels, zero-padding the last
     * one. A transposed A is read a row of k at a time (its {@code mc} contiguous values), so
     * each cache line is loaded once rather than once per micro-panel.
     */
    private static void packA(float[] a, int aOff, int lda, boolean transA, int ic, int mc, int k0, int kc,
                              float[] packed) {
        int panels = (mc + MR - 1) / MR;
        if (transA) {
            for (int p = 0; p < kc; p++) {
                int src = aOff + (k0 + p) * lda + ic;
                int i = 0;
                for (int ir = 0; ir < panels; ir++) {
                    int o = ir * MR * kc + p * MR;
                    for (int r = 0; r < MR; r++, i++) {
                        packed[o + r] = i < mc ? a[src + i] : 0.0f;
                    }
                }
            }
            return;
        }
        for (int ir = 0; ir < mc; ir += MR) {
            int dst = ir * kc;
            int rows = Math.min(MR, mc - ir);
            for (int r = 0; r < rows; r++) {
                int src = aOff + (ic + ir + r) * lda + k0;
                for (int p = 0; p < kc; p++) {
                    packed[dst + p * MR + r] = a[src + p];
                }
            }
            for (int r = rows; r < MR; r++) {
                for (int p = 0; p < kc; p++) {
                    packed[dst + p * MR + r] = 0.0f;
                }
            }
        }
    }

    /**
     * The register tile: 3 rows by 3 vectors, nine accumulators, which leaves enough vector
     * registers on AVX2 that C2 spills none (a 6×2 tile ran at about half the speed). Indices are
     * computed from {@code p} after an up-front range check, so C2 drops per-access bounds checks.
     */
    private static void microKernel(float[] pa, int aBase, float[] pb, int bBase, int kc, float[] tile) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c02 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c12 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c22 = FloatVector.zero(SPECIES);
        if (aBase < 0 || bBase < 0 || aBase + MR * kc > pa.length || bBase + NR * kc > pb.length) {
            throw new IndexOutOfBoundsException("packed panel out of range");
        }
        for (int p = 0; p < kc; p++) {
            int ao = aBase + p * MR;
            int bo = bBase + p * NR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, pb, bo);
            FloatVector b1 = FloatVector.fromArray(SPECIES, pb, bo + LANES);
            FloatVector b2 = FloatVector.fromArray(SPECIES, pb, bo + 2 * LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, pa[ao]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            FloatVector a1 = FloatVector.broadcast(SPECIES, pa[ao + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            FloatVector a2 = FloatVector.broadcast(SPECIES, pa[ao + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            c22 = a2.fma(b2, c22);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, LANES);
        c02.intoArray(tile, 2 * LANES);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + LANES);
        c12.intoArray(tile, NR + 2 * LANES);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + LANES);
        c22.intoArray(tile, 2 * NR + 2 * LANES);
    }

    private static void storeTile(float[] tile, float[] c, int cBase, int ldc, int mr, int nr, boolean add) {
        for (int r = 0; r < mr; r++) {
            int row = cBase + r * ldc;
            int t = r * NR;
            if (nr == NR) {
                for (int v = 0; v < NR; v += LANES) {
                    FloatVector x = FloatVector.fromArray(SPECIES, tile, t + v);
                    (add ? x.add(FloatVector.fromArray(SPECIES, c, row + v)) : x).intoArray(c, row + v);
                }
            } else if (add) {
                for (int j = 0; j < nr; j++) {
                    c[row + j] += tile[t + j];
                }
            } else {
                System.arraycopy(tile, t, c, row, nr);
            }
        }
    }
}
