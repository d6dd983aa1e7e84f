package io.jemini.eval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.ops.Attention;
import io.jemini.engine.ops.BlockwiseAttention;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import io.jemini.kernels.backend.JvmBackend;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Causal attention at growing sequence length, one sequence of 4 heads of size 32: the blockwise
 * (online-softmax) op against the plain op that materialises the scores, and against PyTorch CPU
 * attention ({@code scripts/baselines/attention_torch.py}, same thread count), where each fits.
 * Prints forward and forward+backward time (best of several) and the bytes each allocates, which
 * grow linearly with length for blockwise attention and quadratically for the plain op.
 */
public final class AttentionBenchmark {
    private static final int HEADS = 4;
    private static final int HEAD_DIM = 32;
    /** Longest length the plain op runs at (its scores take heads·T² floats, several times over). */
    private static final int PLAIN_LIMIT = 4096;
    /** Longest length timed with backward (blockwise backward recomputes scores twice). */
    private static final int BACKWARD_LIMIT = 16_384;

    private AttentionBenchmark() {
    }

    public static void run(boolean quick, String python, Path script, PrintStream out) {
        int longest = quick ? 16_384 : 65_536;
        out.printf(Locale.ROOT, "attention: causal, 1 sequence, %d heads of %d, %d threads%n", HEADS, HEAD_DIM,
                JvmBackend.current().threads());
        out.printf(Locale.ROOT, "%7s  %12s %12s %12s  %12s %12s  %12s %12s%n", "T", "block fwd ms", "block f+b ms",
                "block MB", "plain fwd ms", "plain MB", "torch fwd ms", "torch f+b ms");
        for (int t = 1024; t <= longest; t *= 2) {
            int len = t;
            Rng rng = new Rng(t);
            Tensor q = Tensor.randn(rng, 1f, 1, HEADS, t, HEAD_DIM);
            Tensor k = Tensor.randn(rng, 1f, 1, HEADS, t, HEAD_DIM);
            Tensor v = Tensor.randn(rng, 1f, 1, HEADS, t, HEAD_DIM);
            int reps = t >= 16_384 || quick ? 1 : 3;
            double blockFwd = forward(() -> BlockwiseAttention.apply(q, k, v, true, 0), reps);
            long blockBytes = AllocationMeter.allocatedBy(() -> {
                try (var noGrad = GradMode.disabled()) {
                    BlockwiseAttention.apply(q, k, v, true, 0);
                }
            });
            double blockBoth = t <= BACKWARD_LIMIT ? both(q, k, v, () -> BlockwiseAttention.apply(grad(q), grad(k), grad(v),
                    true, 0), reps) : Double.NaN;
            double plainFwd = Double.NaN;
            long plainBytes = -1;
            if (t <= PLAIN_LIMIT) {
                plainFwd = forward(() -> Attention.scaledDotProduct(q, k, v, true, null), reps);
                plainBytes = AllocationMeter.allocatedBy(() -> {
                    try (var noGrad = GradMode.disabled()) {
                        Attention.scaledDotProduct(q, k, v, true, null);
                    }
                });
            }
            JsonNode torch = t <= PLAIN_LIMIT * 2 ? PythonBaseline.run(List.of(python, script.toString(), "--length", "" + len,
                    "--heads", "" + HEADS, "--head_dim", "" + HEAD_DIM, "--threads", "" + JvmBackend.current().threads()),
                    out) : null;
            out.printf(Locale.ROOT, "%7d  %12s %12s %12.1f  %12s %12s  %12s %12s%n", t, ms(blockFwd), ms(blockBoth),
                    blockBytes / 1e6, ms(plainFwd), plainBytes < 0 ? "-" : String.format(Locale.ROOT, "%.1f", plainBytes / 1e6),
                    torch == null ? "-" : ms(torch.path("forward_s").asDouble()),
                    torch == null ? "-" : ms(torch.path("forward_backward_s").asDouble()));
            if (torch != null && t <= PLAIN_LIMIT * 2) {
                out.printf(Locale.ROOT, "         ratio pytorch/blockwise: forward %.2fx, forward+backward %.2fx%n",
                        torch.path("forward_s").asDouble() / blockFwd, torch.path("forward_backward_s").asDouble() / blockBoth);
            }
        }
    }

    private static Tensor grad(Tensor t) {
        return t.detach().requiresGrad(true);
    }

    private static double forward(Supplier<Tensor> op, int reps) {
        return Timing.best(1, reps, () -> {
            try (var noGrad = GradMode.disabled()) {
                op.get();
            }
        });
    }

    private static double both(Tensor q, Tensor k, Tensor v, Supplier<Tensor> op, int reps) {
        float[] upstream = new float[q.numel()];
        java.util.Arrays.fill(upstream, 1e-3f);
        return Timing.best(1, reps, () -> op.get().backward(upstream));
    }

    private static String ms(double seconds) {
        return Double.isNaN(seconds) ? "-" : String.format(Locale.ROOT, "%.1f", seconds * 1e3);
    }
}
