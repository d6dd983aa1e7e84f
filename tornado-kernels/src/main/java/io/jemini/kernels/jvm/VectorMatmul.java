package io.jemini.kernels.jvm;

import io.jemini.kernels.backend.JvmBackend;
import io.jemini.kernels.backend.RangeBody;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The tuned JVM matrix multiply: BLIS-style cache blocking, packed panels of B and a
 * register-tiled Vector API micro-kernel of {@link #MR} rows by three vectors. The micro-kernel
 * reads its rows of op(A) along k: straight from A when A is not transposed, so A is never
 * copied, and from a transposed copy of the block when it is. Same contract as
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
    /**
     * Floats added to each row of a transposed A block, so rows {@code kc} apart (a power of two)
     * do not all fall in the same cache sets.
     */
    private static final int ROW_PAD = 16;

    private VectorMatmul() {
    }

    /** Below this many flops a product runs on the calling thread: forking would cost more than it saves. */
    private static final double SERIAL_FLOPS = 1 << 21;
    /** Tasks a parallel loop is cut into per thread: the backend's chunks, so each is claimed alone. */
    private static final int TASKS_PER_THREAD = 4;
    /** Most floats of partial sums the split-k path may hold. */
    private static final long SPLIT_K_FLOATS = 1 << 22;
    private static final ThreadLocal<float[]> TRANSPOSED_BLOCK = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> PACKED_B = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> TRANSPOSED_A = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> PARTIALS = ThreadLocal.withInitial(() -> new float[0]);

    /**
     * {@code C (+)= op(A) · op(B)} for an {@code m×n} C; see the reference kernel for the layout.
     * Each element sums its k range in blocks of {@link #KC}, each block from zero, the blocks
     * added in order: {@code c = t0 (+ c), c = t1 + c, …}. Small products run on the calling
     * thread; products too small in m and n to occupy the threads compute their k blocks in
     * parallel into separate buffers and add them in the same order, so every path gives the same
     * bits. With a transposed A it computes {@code Cᵀ = op(B)ᵀ·op(A)ᵀ} when that copies less: the
     * operand it transposes is then the smaller one (or, with B transposed too, none).
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
                    Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0.0f);
                }
            }
            return;
        }
        if (transA && (transB || m > n)) {
            product(backend, b, bOff, ldb, !transB, a, aOff, lda, !transA, c, cOff, 1, ldc, n, m, k, accumulate);
        } else {
            product(backend, a, aOff, lda, transA, b, bOff, ldb, transB, c, cOff, ldc, 1, m, n, k, accumulate);
        }
    }

    /**
     * {@code C (+)= op(A) · op(B)} with C's element (i, j) at {@code cOff + i·rowStep + j·colStep},
     * so that {@link #gemm} can compute a transposed product into C.
     */
    private static void product(JvmBackend backend, float[] a, int aOff, int lda, boolean transA, float[] b, int bOff,
                                int ldb, boolean transB, float[] c, int cOff, int rowStep, int colStep, int m, int n,
                                int k, boolean accumulate) {
        boolean serial = backend.threads() == 1 || 2.0 * m * n * k < SERIAL_FLOPS;
        int mBlocks = (m + MC - 1) / MC;
        int kBlocks = (k + KC - 1) / KC;
        int allPanels = (n + NR - 1) / NR;
        if (!serial && kBlocks > 1 && n <= NC && (long) mBlocks * allPanels < 16L * backend.threads()
                && (long) (kBlocks - 1) * m * n <= SPLIT_K_FLOATS) {
            splitK(backend, a, aOff, lda, transA, b, bOff, ldb, transB, c, cOff, rowStep, colStep, m, n, k, accumulate);
            return;
        }
        int tasks = serial ? 1 : TASKS_PER_THREAD * backend.threads();
        int mParts = Math.min(tasks, mBlocks);
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            int panels = (nc + NR - 1) / NR;
            int panelStride = NR * Math.min(KC, k);
            float[] packedB = scratch(PACKED_B, panels * panelStride);
            int nChunks = Math.max(1, Math.min(panels, tasks / mParts));
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean add = accumulate || pc > 0;
                int col0 = jc;
                int k0 = pc;
                run(backend, serial, panels, 1, (lo, hi) -> {
                    for (int panel = lo; panel < hi; panel++) {
                        packB(b, bOff, ldb, transB, k0, kc, col0, nc, packedB, panel * panelStride, panel);
                    }
                });
                run(backend, serial, mParts * nChunks, 1, (lo, hi) -> {
                    for (int task = lo; task < hi; task++) {
                        int part = task / nChunks;
                        int chunk = task % nChunks;
                        int p0 = chunk * panels / nChunks;
                        int p1 = (chunk + 1) * panels / nChunks;
                        int r1 = rowSplit(m, mParts, part + 1);
                        for (int ic = rowSplit(m, mParts, part); ic < r1; ic += MC) {
                            int mc = Math.min(MC, r1 - ic);
                            float[] rows = a;
                            int rowBase = aOff + ic * lda + k0;
                            int rowStride = lda;
                            if (transA) {
                                rowStride = kc + ROW_PAD;
                                rows = scratch(TRANSPOSED_BLOCK, MC * rowStride);
                                rowBase = 0;
                                transposeA(a, aOff, lda, ic, mc, k0, kc, rows, 0, rowStride);
                            }
                            block(rows, rowBase, rowStride, packedB, 0, panelStride, kc, mc, p0, p1, col0, nc, c,
                                    cOff + ic * rowStep, rowStep, colStep, add);
                        }
                    }
                });
            }
        }
    }

    /**
     * Start row of part {@code part} of {@code parts} near-equal parts of m, in whole micro-panels,
     * so that each of a loop's tasks has the same work to within one micro-panel.
     */
    private static int rowSplit(int m, int parts, int part) {
        long microPanels = (m + MR - 1) / MR;
        return (int) Math.min(m, part * microPanels / parts * MR);
    }

    /**
     * The product of a short, narrow C over a long k (a weight gradient {@code dYᵀ·X}): all of B
     * (and a transposed A) is packed once, every (k block, row part, column chunk) is a task,
     * block 0 lands in C and block kb in partial buffer kb - 1, and the partials are then added
     * into C in block order.
     */
    private static void splitK(JvmBackend backend, float[] a, int aOff, int lda, boolean transA, float[] b, int bOff,
                               int ldb, boolean transB, float[] c, int cOff, int rowStep, int colStep, int m, int n,
                               int k, boolean accumulate) {
        int kBlocks = (k + KC - 1) / KC;
        int mParts = (m + MC - 1) / MC;
        int panels = (n + NR - 1) / NR;
        int panelStride = NR * KC;
        int blockStride = panels * panelStride;
        int rowStride = KC + ROW_PAD;
        int aParts = transA ? mParts : 0;
        float[] packedB = scratch(PACKED_B, kBlocks * blockStride);
        float[] transposed = scratch(TRANSPOSED_A, transA ? kBlocks * m * rowStride : 0);
        float[] partials = scratch(PARTIALS, (kBlocks - 1) * m * n);
        int nChunks = Math.max(1, Math.min(panels, TASKS_PER_THREAD * backend.threads() / (kBlocks * mParts)));
        int packTasks = panels + aParts;
        backend.parallelFor(kBlocks * packTasks, 1, (lo, hi) -> {
            for (int t = lo; t < hi; t++) {
                int kb = t / packTasks;
                int task = t % packTasks;
                int kc = Math.min(KC, k - kb * KC);
                if (task < panels) {
                    packB(b, bOff, ldb, transB, kb * KC, kc, 0, n, packedB, kb * blockStride + task * panelStride, task);
                } else {
                    int r0 = rowSplit(m, mParts, task - panels);
                    int r1 = rowSplit(m, mParts, task - panels + 1);
                    transposeA(a, aOff, lda, r0, r1 - r0, kb * KC, kc, transposed, (kb * m + r0) * rowStride, rowStride);
                }
            }
        });
        backend.parallelFor(kBlocks * mParts * nChunks, 1, (lo, hi) -> {
            for (int task = lo; task < hi; task++) {
                int kb = task / (mParts * nChunks);
                int part = task / nChunks % mParts;
                int chunk = task % nChunks;
                int p0 = chunk * panels / nChunks;
                int p1 = (chunk + 1) * panels / nChunks;
                int r0 = rowSplit(m, mParts, part);
                int mc = rowSplit(m, mParts, part + 1) - r0;
                int kc = Math.min(KC, k - kb * KC);
                float[] rows = transA ? transposed : a;
                int rowBase = transA ? (kb * m + r0) * rowStride : aOff + r0 * lda + kb * KC;
                int stride = transA ? rowStride : lda;
                if (kb == 0) {
                    block(rows, rowBase, stride, packedB, 0, panelStride, kc, mc, p0, p1, 0, n, c, cOff + r0 * rowStep,
                            rowStep, colStep, accumulate);
                } else {
                    block(rows, rowBase, stride, packedB, kb * blockStride, panelStride, kc, mc, p0, p1, 0, n, partials,
                            (kb - 1) * m * n + r0 * n, n, 1, false);
                }
            }
        });
        backend.parallelFor(m, Math.max(1, 4096 / n), (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                int row = cOff + i * rowStep;
                for (int kb = 1; kb < kBlocks; kb++) {
                    int src = (kb - 1) * m * n + i * n;
                    for (int j = 0; j < n; j++) {
                        int at = row + j * colStep;
                        c[at] = partials[src + j] + c[at];
                    }
                }
            }
        });
    }

    /**
     * Row block {@code [mc × kc]} of op(A) against panels {@code p0 … p1} of packed B, into C at
     * {@code cBase}. Row i of the block is read along k from {@code rows[rowBase + i·rowStride]};
     * a last micro-panel short of {@link #MR} rows repeats its last row and stores only its own.
     */
    private static void block(float[] rows, int rowBase, int rowStride, float[] packedB, int bBase, int panelStride,
                              int kc, int mc, int p0, int p1, int col0, int nc, float[] c, int cBase, int rowStep,
                              int colStep, boolean add) {
        float[] tile = new float[MR * NR];
        for (int panel = p0; panel < p1; panel++) {
            int j = col0 + panel * NR;
            int nr = Math.min(NR, col0 + nc - j);
            for (int ir = 0; ir < mc; ir += MR) {
                int mr = Math.min(MR, mc - ir);
                int r0 = rowBase + ir * rowStride;
                int r1 = r0 + Math.min(1, mr - 1) * rowStride;
                int r2 = r0 + Math.min(2, mr - 1) * rowStride;
                microKernel(rows, r0, r1, r2, packedB, bBase + panel * panelStride, kc, tile);
                storeTile(tile, c, cBase + ir * rowStep + j * colStep, rowStep, colStep, mr, nr, add);
            }
        }
    }

    /** {@code body} over {@code [0, count)}: on this thread when {@code serial}, else split over the backend. */
    private static void run(JvmBackend backend, boolean serial, int count, int grain, RangeBody body) {
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

    /** Packs column panel {@code panel} of op(B) over k rows {@code k0 … k0+kc} at {@code dst}, zero-padding it to {@link #NR}. */
    private static void packB(float[] b, int bOff, int ldb, boolean transB, int k0, int kc, int col0, int nc,
                              float[] packed, int dst, int panel) {
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

    /**
     * Copies the {@code mc×kc} block of a transposed A's op(A) to {@code dst} with its rows along
     * k, {@code stride} apart: each k row of A is read once, as {@code mc} contiguous values.
     */
    private static void transposeA(float[] a, int aOff, int lda, int ic, int mc, int k0, int kc, float[] packed, int dst,
                                   int stride) {
        for (int p = 0; p < kc; p++) {
            int src = aOff + (k0 + p) * lda + ic;
            for (int i = 0; i < mc; i++) {
                packed[dst + i * stride + p] = a[src + i];
            }
        }
    }

    /**
     * The register tile: 3 rows by 3 vectors, nine accumulators, which leaves enough vector
     * registers on AVX2 that C2 spills none (a 6×2 tile ran at about half the speed). Its three rows of
     * A are read at {@code row_r + p} and B at {@code bBase + p·NR}, after an up-front range check,
     * so C2 drops the per-access bounds checks.
     */
    private static void microKernel(float[] pa, int row0, int row1, int row2, float[] pb, int bBase, int kc, float[] tile) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c02 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c12 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c22 = FloatVector.zero(SPECIES);
        if (Math.min(Math.min(row0, row1), Math.min(row2, bBase)) < 0 || Math.max(Math.max(row0, row1), row2) + kc > pa.length
                || bBase + NR * kc > pb.length) {
            throw new IndexOutOfBoundsException("micro-panel out of range");
        }
        for (int p = 0; p < kc; p++) {
            int bo = bBase + p * NR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, pb, bo);
            FloatVector b1 = FloatVector.fromArray(SPECIES, pb, bo + LANES);
            FloatVector b2 = FloatVector.fromArray(SPECIES, pb, bo + 2 * LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, pa[row0 + p]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            FloatVector a1 = FloatVector.broadcast(SPECIES, pa[row1 + p]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            FloatVector a2 = FloatVector.broadcast(SPECIES, pa[row2 + p]);
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

    private static void storeTile(float[] tile, float[] c, int cBase, int rowStep, int colStep, int mr, int nr,
                                  boolean add) {
        for (int r = 0; r < mr; r++) {
            int row = cBase + r * rowStep;
            int t = r * NR;
            if (colStep != 1) {
                for (int j = 0; j < nr; j++) {
                    int at = row + j * colStep;
                    c[at] = add ? tile[t + j] + c[at] : tile[t + j];
                }
            } else if (nr == NR) {
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
