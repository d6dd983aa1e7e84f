package io.jemini.eval.bench;

import io.jemini.engine.training.LmRunConfig;
import io.jemini.kernels.backend.JvmBackend;
import io.jemini.kernels.jvm.VectorMatmul;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_MT_FDRM;

/**
 * GFLOP/s of fp32 matmul for Jemini's tuned JVM kernel, EJML's multi-threaded float path and,
 * when python3 with numpy is present, numpy's BLAS, all measured in this run on the same shapes,
 * each the best of several samples of back-to-back calls after half a second of warm-up, with
 * the ratios.
 */
public final class MatmulBenchmark {
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
        int vocab = "markov".equals(c.data().source()) ? c.data().markovVocab() : c.data().vocabSize();
        List<Shape> s = new ArrayList<>();
        for (int[] io : new int[][] {{d, d}, {d, c.model().hidden()}, {c.model().hidden(), d}, {d, vocab}}) {
            int in = io[0];
            int outF = io[1];
            if (s.stream().anyMatch(x -> x.label().contains(" " + in + "->" + outF + " "))) {
                continue;
            }
            String layer = name + " " + in + "->" + outF + " ";
            s.add(new Shape(layer + "fwd", tokens, outF, in, false, true));
            s.add(new Shape(layer + "dx", tokens, in, outF, false, false));
            s.add(new Shape(layer + "dW", outF, in, tokens, true, false));
        }
        return s;
    }

    /**
     * The square and large shapes, then each model's layer products ({@link #modelShapes}).
     * Noise on a shared machine comes in bursts that can hit one side's whole pass, so the
     * comparison runs in rounds, numpy and Jemini alternating, and each side keeps its best per
     * shape; EJML, far behind either, is measured once.
     */
    public static void run(boolean quick, String python, PrintStream out, Map<String, LmRunConfig> models) {
        List<Shape> shapes = new ArrayList<>(shapes(quick));
        models.forEach((name, c) -> shapes.addAll(modelShapes(name, c)));
        JvmBackend backend = JvmBackend.current();
        int rounds = quick ? 1 : 3;
        int reps = quick ? 3 : 5;
        out.printf(Locale.ROOT, "fp32 matmul, %d threads, best over %d rounds of %d samples of back-to-back calls "
                + "(GFLOP/s; higher is better)%n", backend.threads(), rounds, reps);
        warmUp(backend);
        Map<String, Double> numpy = new LinkedHashMap<>();
        Map<String, Double> jemini = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            numpy(python, shapes, quick, round == 0 ? out : new PrintStream(java.io.OutputStream.nullOutputStream()))
                    .forEach((k, v) -> numpy.merge(k, v, Math::max));
            for (Shape s : shapes) {
                jemini.merge(s.label(), jemini(backend, s, reps), Math::max);
            }
        }
        out.printf(Locale.ROOT, "%-34s %-6s %9s %9s %9s %11s %11s%n", "shape", "op", "jemini", "ejml-mt", "numpy",
                "jemini/np", "jemini/ejml");
        for (Shape s : shapes) {
            Random rnd = new Random(s.m() * 31L + s.n());
            float[] a = random(rnd, s.m() * s.k());
            float[] b = random(rnd, s.k() * s.n());
            FMatrixRMaj ea = new FMatrixRMaj(s.transA() ? s.k() : s.m(), s.transA() ? s.m() : s.k(), true, a);
            FMatrixRMaj eb = new FMatrixRMaj(s.transB() ? s.n() : s.k(), s.transB() ? s.k() : s.n(), true, b);
            FMatrixRMaj ec = new FMatrixRMaj(s.m(), s.n());
            double ejml = s.flops() / Timing.bestPerCall(Math.min(reps, 3), () -> ejmlMult(s, ea, eb, ec)) / 1e9;
            double j = jemini.get(s.label());
            Double np = numpy.get(s.label());
            out.printf(Locale.ROOT, "%-34s %-6s %9.1f %9.1f %9s %11s %10.1fx%n", s.label(), s.ops(), j, ejml,
                    np == null ? "-" : String.format(Locale.ROOT, "%.1f", np),
                    np == null ? "-" : String.format(Locale.ROOT, "%.2fx", j / np), j / ejml);
        }
    }

    /** Jemini's GFLOP/s on one shape. */
    private static double jemini(JvmBackend backend, Shape s, int reps) {
        Random rnd = new Random(s.m() * 31L + s.n());
        float[] a = random(rnd, s.m() * s.k());
        float[] b = random(rnd, s.k() * s.n());
        float[] c = new float[s.m() * s.n()];
        int lda = s.transA() ? s.m() : s.k();
        int ldb = s.transB() ? s.k() : s.n();
        return s.flops() / Timing.bestPerCall(reps, () -> VectorMatmul.gemm(backend, a, 0, lda, s.transA(), b, 0, ldb,
                s.transB(), c, 0, s.n(), s.m(), s.n(), s.k(), false)) / 1e9;
    }

    /** Two seconds of every transpose variant, so that the first shape measured is not the one the JIT compiles on. */
    private static void warmUp(JvmBackend backend) {
        float[] a = random(new Random(0), 384 * 384);
        float[] b = random(new Random(1), 384 * 384);
        float[] c = new float[384 * 384];
        long end = System.nanoTime() + 2_000_000_000L;
        for (int v = 0; System.nanoTime() < end; v = (v + 1) % 4) {
            VectorMatmul.gemm(backend, a, 0, 384, (v & 1) != 0, b, 0, 384, (v & 2) != 0, c, 0, 384, 384, 384, 384, false);
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

    /** Runs the same shapes through numpy in a child process; empty when python or numpy is missing. */
    private static Map<String, Double> numpy(String python, List<Shape> shapes, boolean quick, PrintStream out) {
        Map<String, Double> result = new LinkedHashMap<>();
        if (PythonBaseline.blas(python, false, out).isEmpty()) {
            return result;
        }
        StringBuilder script = new StringBuilder("""
                import sys, time, numpy as np
                def best(f, reps):
                    start = time.perf_counter()
                    while time.perf_counter() - start < 0.5:
                        f()
                    s = time.perf_counter(); f(); once = max(1e-7, time.perf_counter() - s)
                    calls = int(max(1, min(100000, 0.05 / once)))
                    t = float('inf')
                    for _ in range(reps):
                        s = time.perf_counter()
                        for _ in range(calls):
                            f()
                        t = min(t, (time.perf_counter() - s) / calls)
                    return t
                rng = np.random.default_rng(0)
                """);
        for (Shape s : shapes) {
            script.append(String.format(Locale.ROOT,
                    "a = rng.standard_normal((%d, %d), dtype=np.float32); b = rng.standard_normal((%d, %d), dtype=np.float32)%n"
                            + "print(%s, 2.0*%d*%d*%d/best(lambda: %s @ %s, %d)/1e9, flush=True)%n",
                    s.transA() ? s.k() : s.m(), s.transA() ? s.m() : s.k(), s.transB() ? s.n() : s.k(),
                    s.transB() ? s.k() : s.n(), pyString(s.label()), s.m(), s.n(), s.k(), s.transA() ? "a.T" : "a",
                    s.transB() ? "b.T" : "b", quick ? 3 : 5));
        }
        script.append("print('#', np.__version__)\n");
        try {
            Path file = Files.createTempFile("jemini-bench", ".py");
            Files.writeString(file, script.toString());
            Process p = PythonBaseline.process(List.of(python, file.toString())).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean done = p.waitFor(30, TimeUnit.MINUTES);
            Files.deleteIfExists(file);
            if (!done || p.exitValue() != 0) {
                out.println("numpy baseline unavailable (" + python + " failed): "
                        + text.lines().reduce((x, y) -> y).orElse("no output"));
                return result;
            }
            for (String line : text.split("\n")) {
                if (line.startsWith("#")) {
                    out.println("numpy" + line.substring(1));
                } else if (!line.isBlank()) {
                    int cut = line.lastIndexOf(' ');
                    result.put(line.substring(0, cut), Double.parseDouble(line.substring(cut + 1)));
                }
            }
        } catch (IOException e) {
            out.println("numpy baseline unavailable: cannot run " + python + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return result;
    }

    private static String pyString(String s) {
        return "'" + s + "'";
    }

    private static float[] random(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return x;
    }
}
