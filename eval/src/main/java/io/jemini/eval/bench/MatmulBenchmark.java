package io.jemini.eval.bench;

import io.jemini.engine.ops.Gemm;
import io.jemini.kernels.backend.JvmBackend;
import io.jemini.lm.training.LmRunConfig;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_MT_FDRM;

/**
 * GFLOP/s of fp32 matmul for Jemini's tuned JVM kernel, EJML's multi-threaded float path and,
 * when python3 with numpy is present, numpy's BLAS, all measured in this run on the same shapes,
 * each the best of several samples of back-to-back calls after half a second of warm-up, with
 * the ratios.
 */
public final class MatmulBenchmark {
    /** The pause before each side's measurement ({@link #settle}). */
    private static final long SETTLE_MILLIS = 250;

    /** One problem: C[m×n] = op(A)·op(B) with inner size k. */
    record Shape(String label, int m, int n, int k, boolean transA, boolean transB) {
        double flops() {
            return 2.0 * m * n * k;
        }

        String ops() {
            return (transA ? "A^T" : "A") + "·" + (transB ? "B^T" : "B");
        }
    }

    private MatmulBenchmark() {
    }

    static List<Shape> shapes(boolean quick) {
        List<Shape> s = new ArrayList<>();
        for (int n : quick ? new int[] {256, 512} : new int[] {256, 512, 1024, 2048}) {
            s.add(new Shape("square " + n, n, n, n, false, false));
        }
        if (!quick) {
            s.add(new Shape("[4096x512]·[512x2048]", 4096, 2048, 512, false, false));
            s.add(new Shape("[4096x512]·[2048x512]^T", 4096, 2048, 512, false, true));
            s.add(new Shape("[4096x2048]·[2048x512]", 4096, 512, 2048, false, false));
            s.add(new Shape("[4096x512]^T·[4096x2048]", 512, 2048, 4096, true, false));
            s.add(new Shape("MoE router [2048x256]·[8x256]^T", 2048, 8, 256, false, true));
        }
        return s;
    }

    /**
     * The products one training step of {@code c}'s model runs for each distinct linear layer
     * {@code y = x·Wᵀ} over its {@code batch·seq_len} tokens: forward {@code x·Wᵀ}, input gradient
     * {@code dy·W} and weight gradient {@code dyᵀ·x}.
     */
    static List<Shape> modelShapes(String name, LmRunConfig c) {
        int tokens = c.train().batchSize() * c.model().seqLen();
        int d = c.model().dim();
        int vocab = c.data().source() == LmRunConfig.Source.MARKOV ? c.data().markovVocab() : c.data().vocabSize();
        Set<List<Integer>> layers = new LinkedHashSet<>(List.of(List.of(d, d), List.of(d, c.model().hidden()),
                List.of(c.model().hidden(), d), List.of(d, vocab)));
        List<Shape> s = new ArrayList<>();
        for (List<Integer> io : layers) {
            int in = io.get(0);
            int outF = io.get(1);
            String layer = name + " " + in + "->" + outF + " ";
            s.add(new Shape(layer + "fwd", tokens, outF, in, false, true));
            s.add(new Shape(layer + "dx", tokens, in, outF, false, false));
            s.add(new Shape(layer + "dW", outF, in, tokens, true, false));
        }
        return s;
    }

    /**
     * The square and large shapes, then each model's layer products ({@link #modelShapes}). For
     * each shape numpy and Jemini are measured back to back, in three alternating rounds, and
     * each side keeps its best; EJML, far behind either, is measured once. Each side starts after
     * {@link #SETTLE_MILLIS} of quiet: OpenBLAS's worker threads spin for a while after every
     * call, and Jemini's 50 ms samples right after a burst of numpy products ran at 150–220
     * GFLOP/s instead of 400–450 (1024³, three of eight trials).
     */
    public static void run(boolean quick, String python, PrintStream out, Map<String, LmRunConfig> models) {
        List<Shape> shapes = new ArrayList<>(shapes(quick));
        models.forEach((name, c) -> shapes.addAll(modelShapes(name, c)));
        JvmBackend backend = JvmBackend.current();
        int rounds = quick ? 1 : 3;
        int reps = quick ? 3 : 5;
        out.printf(Locale.ROOT, "fp32 matmul, %d threads, each side's best over %d alternating rounds of %d samples of "
                + "back-to-back calls (GFLOP/s; higher is better)%n", backend.threads(), rounds, reps);
        Optional<NumpyMatmul> numpy = NumpyMatmul.start(python, shapes, reps, out);
        warmUp();
        out.printf(Locale.ROOT, "%-34s %-6s %9s %9s %9s %11s %11s%n", "shape", "op", "jemini", "ejml-mt", "numpy",
                "jemini/np", "jemini/ejml");
        try {
            for (int i = 0; i < shapes.size(); i++) {
                Shape s = shapes.get(i);
                Random rnd = new Random(s.m() * 31L + s.n());
                float[] a = random(rnd, s.m() * s.k());
                float[] b = random(rnd, s.k() * s.n());
                double j = 0;
                double np = 0;
                for (int round = 0; round < rounds; round++) {
                    if (numpy.isPresent()) {
                        settle();
                        np = Math.max(np, numpy.get().gflops(i));
                    }
                    settle();
                    j = Math.max(j, jemini(s, a, b, reps));
                }
                double ejml = ejml(s, a, b, Math.min(reps, 3));
                out.printf(Locale.ROOT, "%-34s %-6s %9.1f %9.1f %9s %11s %10.1fx%n", s.label(), s.ops(), j, ejml,
                        numpy.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f", np),
                        numpy.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2fx", j / np), j / ejml);
            }
        } finally {
            numpy.ifPresent(NumpyMatmul::close);
        }
    }

    /** Lets the other side's threads go idle (OpenBLAS's spin for about 2²⁸ cycles after a call, 0.1 s here). */
    private static void settle() {
        try {
            Thread.sleep(SETTLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** EJML's multi-threaded GFLOP/s on one shape with operands {@code a} and {@code b}. */
    private static double ejml(Shape s, float[] a, float[] b, int reps) {
        FMatrixRMaj ea = new FMatrixRMaj(s.transA() ? s.k() : s.m(), s.transA() ? s.m() : s.k(), true, a);
        FMatrixRMaj eb = new FMatrixRMaj(s.transB() ? s.n() : s.k(), s.transB() ? s.k() : s.n(), true, b);
        FMatrixRMaj ec = new FMatrixRMaj(s.m(), s.n());
        return s.flops() / Timing.bestPerCall(reps, () -> ejmlMult(s, ea, eb, ec)) / 1e9;
    }

    /** Jemini's GFLOP/s on one shape with operands {@code a} and {@code b}, through the kernel the engine chooses for it. */
    private static double jemini(Shape s, float[] a, float[] b, int reps) {
        float[] c = new float[s.m() * s.n()];
        int lda = s.transA() ? s.m() : s.k();
        int ldb = s.transB() ? s.k() : s.n();
        return s.flops() / Timing.bestPerCall(reps, () -> Gemm.run(a, 0, lda, s.transA(), b, 0, ldb, s.transB(), c, 0,
                s.n(), s.m(), s.n(), s.k(), false)) / 1e9;
    }

    /** Two seconds of every transpose variant, so that the first shape measured is not the one the JIT compiles on. */
    private static void warmUp() {
        float[] a = random(new Random(0), 384 * 384);
        float[] b = random(new Random(1), 384 * 384);
        float[] c = new float[384 * 384];
        long end = System.nanoTime() + 2_000_000_000L;
        for (int v = 0; System.nanoTime() < end; v = (v + 1) % 4) {
            Gemm.run(a, 0, 384, (v & 1) != 0, b, 0, 384, (v & 2) != 0, c, 0, 384, 384, 384, 384, false);
        }
    }

    private static void ejmlMult(Shape s, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        if (s.transA() && s.transB()) {
            CommonOps_MT_FDRM.multTransAB(a, b, c);
        } else if (s.transA()) {
            CommonOps_MT_FDRM.multTransA(a, b, c);
        } else if (s.transB()) {
            CommonOps_MT_FDRM.multTransB(a, b, c);
        } else {
            CommonOps_MT_FDRM.mult(a, b, c);
        }
    }

    private static float[] random(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return x;
    }
}
