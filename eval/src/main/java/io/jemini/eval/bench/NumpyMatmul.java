package io.jemini.eval.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * numpy's matmul on the benchmark's shapes in a child process that stays up, so that each shape
 * can be measured on both sides back to back, in alternation: noise on a shared machine comes in
 * bursts, and a baseline measured minutes apart from Jemini can catch a burst the other side does
 * not. Each call answers with the best of several samples of back-to-back products after half a
 * second of warm-up, timed as {@link Timing#bestPerCall} times Jemini.
 */
final class NumpyMatmul implements AutoCloseable {
    private final Process process;
    private final Writer in;
    private final BufferedReader out;
    private final Path script;

    private NumpyMatmul(Process process, Path script) {
        this.process = process;
        this.script = script;
        this.in = process.outputWriter(StandardCharsets.UTF_8);
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** A numpy process for {@code shapes}, or empty (the reason printed) when no honest baseline can run. */
    static Optional<NumpyMatmul> start(String python, List<MatmulBenchmark.Shape> shapes, int samples, PrintStream report) {
        if (PythonBaseline.blas(python, false, report).isEmpty()) {
            return Optional.empty();
        }
        StringBuilder s = new StringBuilder("""
                import sys, time, numpy as np
                def best(f, reps):
                    start = time.perf_counter()
                    while time.perf_counter() - start < 0.5:
                        f()
                    s = time.perf_counter(); f(); once = max(1e-7, time.perf_counter() - s)
                    calls = int(max(1, min(100000, %s / once)))
                    t = float('inf')
                    for _ in range(reps):
                        s = time.perf_counter()
                        for _ in range(calls):
                            f()
                        t = min(t, (time.perf_counter() - s) / calls)
                    return t
                rng = np.random.default_rng(0)
                shapes = []
                """.formatted(Timing.SAMPLE_SECONDS));
        for (MatmulBenchmark.Shape x : shapes) {
            s.append(String.format(Locale.ROOT, "shapes.append(((%d, %d), (%d, %d), %s, %s, %.1f))%n",
                    x.transA() ? x.k() : x.m(), x.transA() ? x.m() : x.k(), x.transB() ? x.n() : x.k(),
                    x.transB() ? x.k() : x.n(), x.transA() ? "True" : "False", x.transB() ? "True" : "False", x.flops()));
        }
        s.append(String.format(Locale.ROOT, """
                print('numpy', np.__version__, flush=True)
                for line in sys.stdin:
                    sa, sb, ta, tb, flops = shapes[int(line)]
                    a = rng.standard_normal(sa, dtype=np.float32); b = rng.standard_normal(sb, dtype=np.float32)
                    a = a.T if ta else a
                    b = b.T if tb else b
                    print(flops / best(lambda: a @ b, %d) / 1e9, flush=True)
                """, samples));
        try {
            Path file = Files.createTempFile("jemini-bench", ".py");
            Files.writeString(file, s.toString());
            NumpyMatmul numpy = new NumpyMatmul(PythonBaseline.process(List.of(python, file.toString())).start(), file);
            report.println(numpy.out.readLine());
            return Optional.of(numpy);
        } catch (IOException e) {
            report.println("numpy baseline unavailable: cannot run " + python + " (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    /** GFLOP/s of shape {@code index}. */
    double gflops(int index) {
        try {
            in.write(index + "\n");
            in.flush();
            String line = out.readLine();
            if (line == null) {
                throw new IllegalStateException("the numpy baseline process ended (exit " + process.waitFor() + ")");
            }
            return Double.parseDouble(line.strip());
        } catch (IOException e) {
            throw new IllegalStateException("the numpy baseline process failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Ends the child process and removes its script. */
    @Override
    public void close() {
        process.destroy();
        try {
            Files.deleteIfExists(script);
        } catch (IOException e) {
            // a leftover temporary script is harmless
        }
    }
}
