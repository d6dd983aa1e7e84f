package io.jemini.kernels.jvm;

import static io.jemini.kernels.jvm.MicroKernel.microKernel;
import static io.jemini.kernels.jvm.MicroKernel.storeBlock;
import static io.jemini.kernels.jvm.Packing.packA;
import static io.jemini.kernels.jvm.Packing.packB;

import io.jemini.kernels.backend.JvmBackend;
import io.jemini.kernels.backend.RangeBody;
import java.util.ArrayList;
import java.util.List;

/**
 * The tuned JVM matrix multiply: BLIS-style cache blocking, packed panels of B, packed
 * micro-panels of A and a register-tiled Vector API micro-kernel ({@link MicroKernel}), its tile
 * chosen by C's shape ({@link Tile}), so the micro-kernel reads each operand as one stream. Same
 * contract as {@link io.jemini.kernels.MatmulKernels#gemm}, which it is tested against. Each
 * element of C sums over k in a fixed block order, so the result depends neither on the thread
 * count nor on the tile.
 */
public final class VectorMatmul {
    /**
     * The narrowest C this kernel takes, on every machine: 12 columns, half the AVX2 register
     * tile. Narrower products go to {@link NarrowMatmul}, whose bits (no fused multiply-adds)
     * differ from this kernel's, so a width that followed the vector width (24 columns on AVX-512)
     * sent a 16-wide product down different paths on different machines.
     */
    public static final int MIN_WIDTH = 12;
    private static final int KC = 512;
    private static final int NC = 4096;
    /** Below this many flops a product runs on the calling thread: forking would cost more than it saves. */
    private static final double SERIAL_FLOPS = 1 << 21;
    /** Tasks a parallel loop is cut into per thread: the backend's chunks, so each is claimed alone. */
    private static final int TASKS_PER_THREAD = 4;
    /** Most floats of packed operands and partial sums a split-k product or a batch of products may hold. */
    private static final long SCRATCH_FLOATS = 1 << 23;
    private static final ThreadLocal<float[]> PACKED_B = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> PACKED_A_BLOCK = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> PACKED_A = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> PARTIALS = ThreadLocal.withInitial(() -> new float[0]);

    private VectorMatmul() {
    }

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
        product(backend, MatrixProduct.of(a, aOff, lda, transA, b, bOff, ldb, transB, c, cOff, ldc, m, n, k, accumulate));
    }

    /** One product, as {@link #gemm} computes it. */
    public static void product(JvmBackend backend, MatrixProduct product) {
        MatrixProduct p = product.oriented();
        run(backend, p, Tile.forShape(p.m(), p.n()));
    }

    /** One product with a given register tile; every tile gives the same bits. */
    static void product(JvmBackend backend, MatrixProduct product, Tile tile) {
        run(backend, product.oriented(), tile);
    }

    /** An oriented product ({@link MatrixProduct#oriented}) with {@code tile}: split along k, or blocked. */
    private static void run(JvmBackend backend, MatrixProduct p, Tile tile) {
        int m = p.m();
        int n = p.n();
        int k = p.k();
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            p.clear();
            return;
        }
        boolean serial = backend.threads() == 1 || 2.0 * m * n * k < SERIAL_FLOPS;
        int kBlocks = kBlocks(k);
        int panels = tile.panels(n);
        long splitScratch = (kBlocks - 1L) * m * n + (long) kBlocks * KC * (panels * tile.nr + tile.wholeRows(m));
        if (!serial && kBlocks > 1 && n <= NC && (long) rowBlocks(m, tile) * panels < 16L * backend.threads()
                && splitScratch <= SCRATCH_FLOATS) {
            splitK(backend, p, tile);
        } else {
            blocked(backend, p, tile, serial);
        }
    }

    /** Row blocks of the tile's {@link Tile#blockRows} across {@code m}. */
    private static int rowBlocks(int m, Tile tile) {
        return (m + tile.blockRows - 1) / tile.blockRows;
    }

    /**
     * Several independent products in one pass over the threads, as an MoE layer's experts need:
     * the B panels of every product are packed in one parallel loop, then every (product, row
     * block) is a task claimed on its own, so many small products of unequal size keep every
     * thread busy to the end. Each element of each C gets the bits {@link #product} gives it.
     */
    public static void products(JvmBackend backend, List<MatrixProduct> products) {
        List<MatrixProduct> work = new ArrayList<>();
        double flops = 0;
        for (MatrixProduct product : products) {
            if (product.m() == 0 || product.n() == 0) {
                continue;
            }
            if (product.k() == 0) {
                product.clear();
                continue;
            }
            work.add(product.oriented());
            flops += 2.0 * product.m() * product.n() * product.k();
        }
        if (backend.threads() == 1 || flops < SERIAL_FLOPS) {
            work.forEach(p -> product(backend, p));
            return;
        }
        List<MatrixProduct> group = new ArrayList<>();
        long groupFloats = 0;
        for (MatrixProduct p : work) {
            long floats = packedFloats(p, Tile.forShape(p.m(), p.n()));
            if (floats > SCRATCH_FLOATS) {
                product(backend, p);
                continue;
            }
            if (groupFloats + floats > SCRATCH_FLOATS) {
                batch(backend, group);
                group.clear();
                groupFloats = 0;
            }
            group.add(p);
            groupFloats += floats;
        }
        batch(backend, group);
    }

    /** k blocks of {@link #KC} across {@code k}. */
    private static int kBlocks(int k) {
        return (k + KC - 1) / KC;
    }

    /** Floats of one packed panel of B over a k block: {@code tile.nr} columns by at most {@link #KC} rows. */
    private static int panelStride(Tile tile, int k) {
        return tile.nr * Math.min(KC, k);
    }

    /** Floats of a product's B packed whole with {@code tile}: every k block's panels. */
    private static long packedFloats(MatrixProduct p, Tile tile) {
        return (long) kBlocks(p.k()) * tile.panels(p.n()) * panelStride(tile, p.k());
    }

    /** The products of {@link #products}, whose packed B fit in the scratch together, in two parallel loops. */
    private static void batch(JvmBackend backend, List<MatrixProduct> work) {
        if (work.size() <= 1) {
            work.forEach(p -> product(backend, p));
            return;
        }
        int count = work.size();
        Tile[] tiles = new Tile[count];
        int[] packStart = new int[count + 1];
        int[] taskStart = new int[count + 1];
        int[] bStart = new int[count + 1];
        for (int q = 0; q < count; q++) {
            MatrixProduct p = work.get(q);
            tiles[q] = Tile.forShape(p.m(), p.n());
            packStart[q + 1] = packStart[q] + kBlocks(p.k()) * tiles[q].panels(p.n());
            taskStart[q + 1] = taskStart[q] + rowBlocks(p.m(), tiles[q]);
            bStart[q + 1] = bStart[q] + (int) packedFloats(p, tiles[q]);
        }
        float[] packedB = scratch(PACKED_B, bStart[count]);
        backend.parallelFor(packStart[count], 1, (lo, hi) -> {
            for (int t = lo; t < hi; t++) {
                int q = owner(packStart, t);
                MatrixProduct p = work.get(q);
                Tile tile = tiles[q];
                int panels = tile.panels(p.n());
                int kb = (t - packStart[q]) / panels;
                int panel = (t - packStart[q]) % panels;
                int panelStride = panelStride(tile, p.k());
                int dst = bStart[q] + (kb * panels + panel) * panelStride;
                packB(p, kb * KC, Math.min(KC, p.k() - kb * KC), 0, p.n(), tile.nr, packedB, dst, panel);
            }
        });
        backend.parallelTasks(taskStart[count], (lo, hi) -> {
            for (int t = lo; t < hi; t++) {
                int q = owner(taskStart, t);
                MatrixProduct p = work.get(q);
                Tile tile = tiles[q];
                int ic = (t - taskStart[q]) * tile.blockRows;
                int panels = tile.panels(p.n());
                int panelStride = panelStride(tile, p.k());
                for (int k0 = 0; k0 < p.k(); k0 += KC) {
                    rowBlock(p, tile, ic, Math.min(tile.blockRows, p.m() - ic), k0, packedB,
                            bStart[q] + k0 / KC * panels * panelStride, panelStride, 0, panels, 0, p.n(),
                            p.accumulate() || k0 > 0);
                }
            }
        });
    }

    /** The product whose range of {@code starts} holds task {@code t}. */
    private static int owner(int[] starts, int t) {
        int q = 0;
        while (starts[q + 1] <= t) {
            q++;
        }
        return q;
    }

    /**
     * The blocked product: for each k block, B's panels are packed, then the rows are cut into
     * near-equal parts (and, when there are few, the panels into chunks), one task each.
     */
    private static void blocked(JvmBackend backend, MatrixProduct p, Tile tile, boolean serial) {
        int m = p.m();
        int n = p.n();
        int k = p.k();
        int mc = tile.blockRows;
        int tasks = serial ? 1 : TASKS_PER_THREAD * backend.threads();
        int mParts = Math.min(tasks, rowBlocks(m, tile));
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            int panels = tile.panels(nc);
            int panelStride = panelStride(tile, k);
            float[] packedB = scratch(PACKED_B, panels * panelStride);
            int nChunks = Math.max(1, Math.min(panels, tasks / mParts));
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                int col0 = jc;
                int k0 = pc;
                run(backend, serial, panels, 1, (lo, hi) -> {
                    for (int panel = lo; panel < hi; panel++) {
                        packB(p, k0, kc, col0, nc, tile.nr, packedB, panel * panelStride, panel);
                    }
                });
                run(backend, serial, mParts * nChunks, 1, (lo, hi) -> {
                    for (int task = lo; task < hi; task++) {
                        int chunk = task % nChunks;
                        int r1 = rowSplit(m, tile, mParts, task / nChunks + 1);
                        for (int ic = rowSplit(m, tile, mParts, task / nChunks); ic < r1; ic += mc) {
                            rowBlock(p, tile, ic, Math.min(mc, r1 - ic), k0, packedB, 0, panelStride,
                                    chunk * panels / nChunks, (chunk + 1) * panels / nChunks, col0, nc,
                                    p.accumulate() || k0 > 0);
                        }
                    }
                });
            }
        }
    }

    /**
     * Rows {@code ic … ic+mc} of C over the k block from {@code k0}, against packed panels
     * {@code p0 … p1} of that block, the rows of A packed to this thread's buffer first.
     */
    private static void rowBlock(MatrixProduct p, Tile tile, int ic, int mc, int k0, float[] packedB, int bBase,
                                 int panelStride, int p0, int p1, int col0, int nc, boolean add) {
        int kc = Math.min(KC, p.k() - k0);
        float[] packedA = scratch(PACKED_A_BLOCK, tile.wholeRows(mc) * kc);
        packA(p, ic, mc, k0, kc, tile, packedA, 0);
        block(tile, packedA, 0, packedB, bBase, panelStride, kc, mc, p0, p1, col0, nc, p.c(),
                p.cOff() + ic * p.rowStep(), p.rowStep(), p.colStep(), add);
    }

    /**
     * Start row of part {@code part} of {@code parts} near-equal parts of m, in whole micro-panels,
     * so that each of a loop's tasks has the same work to within one micro-panel.
     */
    private static int rowSplit(int m, Tile tile, int parts, int part) {
        long microPanels = (m + tile.mr - 1) / tile.mr;
        return (int) Math.min(m, part * microPanels / parts * tile.mr);
    }

    /**
     * The product of a short, narrow C over a long k (a weight gradient {@code dYᵀ·X}): block 0
     * lands in C and block kb in partial buffer kb - 1, and the partials are then added into C in
     * block order. When the threads can share whole k blocks evenly, each block is one task that
     * packs its own A and B and multiplies them ({@link #blocksAsTasks}); otherwise every block's
     * operands are packed first and every (k block, row part, column chunk) is a task.
     */
    private static void splitK(JvmBackend backend, MatrixProduct p, Tile tile) {
        int m = p.m();
        int n = p.n();
        int kBlocks = kBlocks(p.k());
        float[] partials = scratch(PARTIALS, (kBlocks - 1) * m * n);
        if (p.k() % KC == 0 && kBlocks % backend.threads() == 0) {
            blocksAsTasks(backend, p, tile, partials);
        } else {
            sharedBlocks(backend, p, tile, partials);
        }
        backend.parallelFor(m, Math.max(1, 4096 / n), (lo, hi) -> {
            for (int kb = 1; kb < kBlocks; kb++) {
                storeBlock(partials, (kb - 1) * m * n + lo * n, n, p.c(), p.cOff() + lo * p.rowStep(), p.rowStep(),
                        p.colStep(), hi - lo, n, true);
            }
        });
    }

    /**
     * Split-k with one task per k block (every block whole: k is a multiple of {@link #KC} here),
     * packing that block's A and B into the thread's own buffers: no packed operand crosses
     * between cores, and two parallel loops instead of three.
     * Paired against {@link #sharedBlocks} on seven weight gradients 16 to 352 wide, five runs
     * each: faster in 29 of the 35 medians, 0.76–1.40× in all.
     */
    private static void blocksAsTasks(JvmBackend backend, MatrixProduct p, Tile tile, float[] partials) {
        int m = p.m();
        int n = p.n();
        int panels = tile.panels(n);
        int panelStride = panelStride(tile, p.k());
        backend.parallelFor(kBlocks(p.k()), 1, (lo, hi) -> {
            for (int kb = lo; kb < hi; kb++) {
                float[] packedB = scratch(PACKED_B, panels * panelStride);
                float[] packedA = scratch(PACKED_A_BLOCK, tile.wholeRows(m) * KC);
                for (int panel = 0; panel < panels; panel++) {
                    packB(p, kb * KC, KC, 0, n, tile.nr, packedB, panel * panelStride, panel);
                }
                packA(p, 0, m, kb * KC, KC, tile, packedA, 0);
                splitBlock(p, tile, kb, packedA, 0, packedB, 0, panelStride, 0, m, 0, panels, partials);
            }
        });
    }

    /** Split-k with all of A and B packed first, then every (k block, row part, column chunk) a task. */
    private static void sharedBlocks(JvmBackend backend, MatrixProduct p, Tile tile, float[] partials) {
        int m = p.m();
        int n = p.n();
        int k = p.k();
        int kBlocks = kBlocks(k);
        int mParts = rowBlocks(m, tile);
        int panels = tile.panels(n);
        int panelStride = panelStride(tile, k);
        int blockStride = panels * panelStride;
        int aBlockStride = tile.wholeRows(m) * KC;
        float[] packedB = scratch(PACKED_B, kBlocks * blockStride);
        float[] packedA = scratch(PACKED_A, kBlocks * aBlockStride);
        int nChunks = Math.max(1, Math.min(panels, TASKS_PER_THREAD * backend.threads() / (kBlocks * mParts)));
        int packTasks = panels + mParts;
        backend.parallelFor(kBlocks * packTasks, 1, (lo, hi) -> {
            for (int t = lo; t < hi; t++) {
                int kb = t / packTasks;
                int task = t % packTasks;
                int kc = Math.min(KC, k - kb * KC);
                if (task < panels) {
                    packB(p, kb * KC, kc, 0, n, tile.nr, packedB, kb * blockStride + task * panelStride, task);
                } else {
                    int r0 = rowSplit(m, tile, mParts, task - panels);
                    int r1 = rowSplit(m, tile, mParts, task - panels + 1);
                    packA(p, r0, r1 - r0, kb * KC, kc, tile, packedA, kb * aBlockStride + r0 * KC);
                }
            }
        });
        backend.parallelFor(kBlocks * mParts * nChunks, 1, (lo, hi) -> {
            for (int task = lo; task < hi; task++) {
                int kb = task / (mParts * nChunks);
                int part = task / nChunks % mParts;
                int chunk = task % nChunks;
                int r0 = rowSplit(m, tile, mParts, part);
                int mc = rowSplit(m, tile, mParts, part + 1) - r0;
                splitBlock(p, tile, kb, packedA, kb * aBlockStride + r0 * KC, packedB, kb * blockStride, panelStride, r0,
                        mc, chunk * panels / nChunks, (chunk + 1) * panels / nChunks, partials);
            }
        });
    }

    /**
     * K block {@code kb} of a split-k product, rows {@code r0 … r0+mc} (packed at {@code aBase})
     * against panels {@code p0 … p1} (packed at {@code bBase}): into C for block 0, into partial
     * buffer kb - 1 otherwise.
     */
    private static void splitBlock(MatrixProduct p, Tile tile, int kb, float[] packedA, int aBase, float[] packedB,
                                   int bBase, int panelStride, int r0, int mc, int p0, int p1, float[] partials) {
        int n = p.n();
        int kc = Math.min(KC, p.k() - kb * KC);
        if (kb == 0) {
            block(tile, packedA, aBase, packedB, bBase, panelStride, kc, mc, p0, p1, 0, n, p.c(),
                    p.cOff() + r0 * p.rowStep(), p.rowStep(), p.colStep(), p.accumulate());
        } else {
            block(tile, packedA, aBase, packedB, bBase, panelStride, kc, mc, p0, p1, 0, n, partials,
                    (kb - 1) * p.m() * n + r0 * n, n, 1, false);
        }
    }

    /**
     * Row block {@code [mc × kc]} of op(A), packed at {@code aBase} (see {@link Packing#packA}),
     * against panels {@code p0 … p1} of packed B, into C at {@code cBase}. Whole tiles of a C stored
     * by rows go straight into C; the others pass through a buffer, so a last micro-panel short of
     * the tile's rows or a panel short of its columns stores only its own.
     */
    private static void block(Tile tile, float[] packedA, int aBase, float[] packedB, int bBase, int panelStride,
                              int kc, int mc, int p0, int p1, int col0, int nc, float[] c, int cBase, int rowStep,
                              int colStep, boolean add) {
        int mr = tile.mr;
        int nr = tile.nr;
        float[] buffer = new float[mr * nr];
        for (int panel = p0; panel < p1; panel++) {
            int j = col0 + panel * nr;
            int width = Math.min(nr, col0 + nc - j);
            for (int ir = 0; ir < mc; ir += mr) {
                int a = aBase + ir * kc;
                int b = bBase + panel * panelStride;
                if (mc - ir >= mr && width == nr && colStep == 1) {
                    microKernel(tile, packedA, a, packedB, b, kc, c, cBase + ir * rowStep + j, rowStep, add);
                } else {
                    microKernel(tile, packedA, a, packedB, b, kc, buffer, 0, nr, false);
                    storeBlock(buffer, 0, nr, c, cBase + ir * rowStep + j * colStep, rowStep, colStep,
                            Math.min(mr, mc - ir), width, add);
                }
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
}
