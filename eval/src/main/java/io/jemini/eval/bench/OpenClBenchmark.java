package io.jemini.eval.bench;

import io.jemini.engine.device.DeviceRuntime;
import io.jemini.engine.launch.MoeLaunch;
import io.jemini.engine.launch.SparseSimilarityLaunch;
import io.jemini.engine.nn.Auxiliary;
import io.jemini.engine.nn.FeedForward;
import io.jemini.engine.nn.ForwardContext;
import io.jemini.engine.ops.Gemm;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.ops.Losses;
import io.jemini.engine.optim.AdamW;
import io.jemini.engine.optim.GradientClipping;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import io.jemini.kernels.backend.JvmBackend;
import io.jemini.lm.model.LmConfig;
import io.jemini.lm.model.MoeFeedForwards;
import io.jemini.lm.model.TransformerLm;
import io.jemini.lm.training.LmRunConfig;
import io.jemini.opencl.OpenClDevices;
import io.jemini.opencl.runtime.DeviceBuffer;
import io.jemini.opencl.runtime.DeviceKernel;
import io.jemini.opencl.runtime.OpenClContext;
import io.jemini.opencl.runtime.Transfers;
import io.jemini.opencl.translate.KernelCatalog;
import io.jemini.opencl.translate.PortableKernel.ArgKind;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenCL path against the JVM backend in the same run: launch overhead, copy bandwidth,
 * SGEMM (the portable kernel translated, one work-item per row; the tiled device kernel; the
 * Vector API matmul), MoE routing and SPARC's sparse similarity kernels, and whole training
 * steps of the quickstart model, dense and with MoE feed-forwards, with the bytes they move. On a CPU OpenCL device (PoCL) the
 * device is slower than the JVM path; what this measures there is overhead and transfers.
 */
public final class OpenClBenchmark {
    private OpenClBenchmark() {
    }

    /**
     * {@code dense} and {@code moe} are the runs whose training steps are timed (the quickstart, and
     * the quickstart with MoE feed-forwards).
     */
    public static void run(String deviceSpec, LmRunConfig dense, LmRunConfig moe, boolean quick, PrintStream out) {
        try (OpenClContext cl = OpenClContext.open(deviceSpec)) {
            OpenClDevices.Device d = cl.device();
            out.printf(Locale.ROOT,
                    "opencl: %s (%s, %s, %d compute units, %d MiB) against the jvm backend with %d threads%n",
                    d.name(), d.type(), d.version(), d.computeUnits(), d.globalMemoryBytes() >> 20,
                            JvmBackend.current().threads());
            launchAndCopies(cl, quick, out);
            sgemm(cl, quick, out);
        }
        try (DeviceRuntime device = DeviceRuntime.open(deviceSpec)) {
            kernels(device, quick, out);
            training(device, dense, quick ? 5 : 20, out);
            training(device, moe, quick ? 5 : 20, out);
        }
    }

    private static void launchAndCopies(OpenClContext cl, boolean quick, PrintStream out) {
        DeviceKernel fill = cl.kernel(KernelCatalog.find("UnaryKernels.fill").orElseThrow());
        int n = quick ? 1 << 22 : 1 << 24;
        float[] host = new float[n];
        try (DeviceBuffer one = cl.allocate(ArgKind.FLOAT_ARRAY,
                1); DeviceBuffer big = cl.allocate(ArgKind.FLOAT_ARRAY, n)) {
            double launch = Timing.bestPerCall(5, () -> {
                fill.launch(1, one, 0.0f);
                cl.finish();
            });
            double up = Timing.best(2, quick ? 3 : 5, () -> big.write(host));
            double down = Timing.best(2, quick ? 3 : 5, () -> big.read(host));
            out.printf(Locale.ROOT, "launch + finish of a one-element kernel: %.1f us%n", launch * 1e6);
            out.printf(Locale.ROOT, "copies of %d MiB: host->device %.2f GB/s, device->host %.2f GB/s%n", n * 4L >> 20,
                    n * 4.0 / up / 1e9, n * 4.0 / down / 1e9);
        }
    }

    private static void sgemm(OpenClContext cl, boolean quick, PrintStream out) {
        DeviceKernel naive = cl.kernel(KernelCatalog.find("MatmulKernels.gemm").orElseThrow());
        Rng rng = new Rng(3);
        out.println("sgemm C = A·B, GFLOP/s (best of several), ratio against the jvm Vector API matmul:");
        out.println("     n   portable-on-device   tiled-on-device   jvm   tiled/jvm");
        for (int n : quick ? new int[] {256, 512} : new int[] {512, 1024, 2048}) {
            float[] a = Tensor.randn(rng, 1f, n, n).data();
            float[] b = Tensor.randn(rng, 1f, n, n).data();
            float[] c = new float[n * n];
            double flops = 2.0 * n * n * n;
            int reps = n >= 2048 ? 2 : 3;
            double jvm = Timing.best(1, reps, () -> Gemm.run(a, 0, n, false, b, 0, n, false, c, 0, n, n, n, n, false));
            try (DeviceBuffer da = cl.allocate(ArgKind.FLOAT_ARRAY, a.length);
                 DeviceBuffer db = cl.allocate(ArgKind.FLOAT_ARRAY, b.length);
                 DeviceBuffer dc = cl.allocate(ArgKind.FLOAT_ARRAY, c.length)) {
                da.write(a);
                db.write(b);
                double tiled = Timing.best(1, reps, () -> {
                    cl.tiledGemm().gemm(da, 0, n, false, db, 0, n, false, dc, 0, n, n, n, n, false);
                    cl.finish();
                });
                String portable = "-";
                if (n <= 1024) {
                    double t = Timing.best(1, 2, () -> {
                        naive.launch(n, da, 0, n, 0, db, 0, n, 0, dc, 0, n, n, n, 0);
                        cl.finish();
                    });
                    portable = String.format(Locale.ROOT, "%.2f", flops / t / 1e9);
                }
                out.printf(Locale.ROOT, "%6d   %18s   %15.2f   %5.1f   %.3fx%n", n, portable, flops / tiled / 1e9,
                        flops / jvm / 1e9,
                        jvm / tiled);
            }
        }
    }

    /** MoE routing (top-k, histogram, dispatch, combine and its backward) and sparse similarity forward and backward. */
    private static void kernels(DeviceRuntime device, boolean quick, PrintStream out) {
        int tokens = quick ? 1024 : 4096;
        int experts = 8;
        int k = 2;
        int dim = 256;
        Rng rng = new Rng(9);
        float[] scores = Tensor.randn(rng, 1f, tokens, experts).data();
        int[] index = new int[tokens * k];
        int[] counts = new int[experts];
        int[] offsets = new int[experts];
        int[] position = new int[tokens * k];
        int[] tokenOfRow = new int[tokens * k];
        float[] rows = Tensor.randn(rng, 1f, tokens * k, dim).data();
        float[] gate = Tensor.randn(rng, 1f, tokens, k).data();
        float[] combined = new float[tokens * dim];
        float[] dOut = Tensor.randn(rng, 1f, tokens, dim).data();
        float[] dRows = new float[rows.length];
        float[] dGate = new float[gate.length];
        Runnable moe = () -> {
            MoeLaunch.topK(tokens, experts * k, scores, experts, k, index);
            MoeLaunch.histogram(experts, tokens * k, index, tokens * k, counts);
            MoeLaunch.dispatch(experts, tokens * k, index, new int[0], tokens * k, k, offsets, -1, position,
                    tokenOfRow);
            MoeLaunch.combine(tokens, k * dim, rows, position, gate, combined, k, dim);
            MoeLaunch.combineBackward(tokens, 2 * k * dim, rows, position, gate, dOut, dRows, dGate, 1, 1, k, dim);
        };
        int b = quick ? 16 : 64;
        int l = 16;
        int p = 49;
        int d = 64;
        float[] t = Tensor.randn(rng, 1f, b * l, d).data();
        float[] v = Tensor.randn(rng, 1f, b * p, d).data();
        float[] s = new float[b * l * p];
        float[] a = new float[s.length];
        int[] argMin = new int[b * l];
        int[] argMax = new int[b * l];
        float[] range = new float[b * l];
        float[] c = new float[b * l * d];
        float[] dc = Tensor.randn(rng, 1f, b * l, d).data();
        float[] ds = new float[s.length];
        float[] dt = new float[t.length];
        float[] dv = new float[v.length];
        Runnable sparse = () -> {
            SparseSimilarityLaunch.forward(b * l, p * d, t, v, l, p, d, 0.5f, 1e-8f, s, a, argMin, argMax, range, c);
            SparseSimilarityLaunch.backwardRows(b * l, 2 * p * d, t, v, s, a, argMin, argMax, range, dc, l, p, d,
                    0.5f, ds, dt, 1);
            SparseSimilarityLaunch.backwardPatches(b * p, 2 * l * d, t, a, ds, dc, l, p, d, dv);
        };
        int reps = quick ? 3 : 10;
        double moeJvm = Timing.best(2, reps, moe);
        double sparseJvm = Timing.best(2, reps, sparse);
        DeviceRuntime previous = DeviceRuntime.install(device);
        try {
            double moeDevice = Timing.best(2, reps, () -> {
                moe.run();
                device.finish();
            });
            double sparseDevice = Timing.best(2, reps, () -> {
                sparse.run();
                device.finish();
            });
            out.printf(Locale.ROOT,
                    "moe routing kernels (%d tokens, E=%d, k=%d, dim %d, fwd+bwd): jvm %.2f ms, device %.2f ms, "
                    + "device/jvm speed %.3fx%n", tokens, experts, k, dim, moeJvm * 1e3, moeDevice * 1e3,
                            moeJvm / moeDevice);
            out.printf(Locale.ROOT, "sparse similarity (B=%d, L=%d, P=%d, d=%d, fwd+bwd): jvm %.2f ms, device %.2f ms, "
                    + "device/jvm speed %.3fx%n", b, l, p, d, sparseJvm * 1e3, sparseDevice * 1e3,
                            sparseJvm / sparseDevice);
        } finally {
            DeviceRuntime.install(previous);
        }
    }

    /** Training steps of {@code model} on random tokens: tokens/s on each backend and the bytes a device step moves. */
    private static void training(DeviceRuntime device, LmRunConfig run, int steps, PrintStream out) {
        LmConfig model = run.model().lmConfig(run.data().markovVocab());
        FeedForward.Factory ffn = MoeFeedForwards.factory(run);
        int batch = run.train().batchSize();
        Timed jvm = trainingSteps(null, model, ffn, batch, steps);
        Timed onDevice = trainingSteps(device, model, ffn, batch, steps);
        double tokens = (double) batch * model.maxSeq() * steps;
        out.printf(Locale.ROOT,
                "training the quickstart model%s (batch %d x %d tokens, %d steps): jvm %.0f tokens/s, device %.0f "
                + "tokens/s (%.3fx); per device step %.1f KB in, %.1f KB out%n",
                        run.moe().enabled() ? " with MoE feed-forwards ("
                + run.moe().experts() + " experts, top-" + run.moe().topK() + ")" : "", batch, model.maxSeq(), steps,
                tokens / jvm.seconds(), tokens / onDevice.seconds(), jvm.seconds() / onDevice.seconds(),
                onDevice.moved().uploadBytes() / 1024.0 / steps, onDevice.moved().downloadBytes() / 1024.0 / steps);
    }

    /** The time of the timed steps and what crossed between host and device during them. */
    private record Timed(double seconds, Transfers.Snapshot moved) {
    }

    /**
     * {@code steps} steps after one warm-up step (which builds the device kernels and uploads the
     * parameters); {@code ffn} is the feed-forward factory, null for the dense SwiGLU.
     */
    private static Timed trainingSteps(DeviceRuntime device, LmConfig model, FeedForward.Factory ffn, int batch,
            int steps) {
        DeviceRuntime previous = DeviceRuntime.install(device);
        try {
            Rng rng = new Rng(1);
            TransformerLm lm = ffn == null ? new TransformerLm(model, rng) : new TransformerLm(model, rng, ffn);
            Map<String, Tensor> params = lm.parameters();
            AdamW opt = new AdamW(params, 0.1f);
            long start = 0;
            Transfers.Snapshot warm = null;
            for (int step = 0; step <= steps; step++) {
                if (step == 1) {
                    start = System.nanoTime();
                    warm = device == null ? null : device.transfers().snapshot();
                }
                int[] in = new int[batch * model.maxSeq()];
                int[] target = new int[in.length];
                for (int i = 0; i < in.length; i++) {
                    in[i] = rng.nextInt(model.vocab());
                    target[i] = rng.nextInt(model.vocab());
                }
                opt.zeroGrad();
                List<Auxiliary> aux = new ArrayList<>();
                Tensor loss = Losses.crossEntropy(lm.logits(Indices.of(in, batch, model.maxSeq()),
                        ForwardContext.training(new Rng(step), aux)),
                        Indices.of(target, batch, model.maxSeq()), Losses.IGNORE_INDEX, 0f);
                Auxiliary.addTo(loss, aux).backward();
                GradientClipping.clipGlobalNorm(params, 1.0);
                opt.step(1e-3f);
                lm.feedForwards().forEach(f -> f.afterStep(aux));
                loss.item();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Timed(seconds, device == null ? Transfers.Snapshot.NONE : device.transfers().snapshot().minus(warm));
        } finally {
            DeviceRuntime.install(previous);
        }
    }
}
