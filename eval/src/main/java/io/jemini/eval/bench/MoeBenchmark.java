package io.jemini.eval.bench;

import io.jemini.engine.autograd.Graph;
import io.jemini.engine.nn.SwiGlu;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import io.jemini.experts.layer.MoeLayer;
import io.jemini.experts.routing.MoeConfig;
import io.jemini.kernels.backend.JvmBackend;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Forward + backward throughput of a dropless MoE layer (E experts, top-k, expert width h)
 * against a dense SwiGLU of width k·h — the same active FLOPs per token — on the same tokens,
 * measured in the same run: the two alternate, ten warm-up steps each, then the best of thirty each.
 * Both take the same upstream gradient into their output in one backward pass; the MoE layer's
 * also seeds its two auxiliary losses (weights 0.01 and 0.001).
 */
public final class MoeBenchmark {
    private MoeBenchmark() {
    }

    public static void run(boolean quick, PrintStream out) {
        int tokens = quick ? 512 : 2048;
        int dim = quick ? 128 : 256;
        int experts = 8;
        int k = 2;
        int expertHidden = quick ? 256 : 512;
        Rng rng = new Rng(5);
        Tensor x = Tensor.randn(rng, 1f, tokens, dim).requiresGrad(true);
        float[] upstream = Tensor.randn(rng, 1f, tokens, dim).data();
        MoeLayer moe = new MoeLayer(dim, MoeConfig.of(experts, k, expertHidden).withLosses(0.01, 0.001), rng);
        SwiGlu dense = new SwiGlu(dim, k * expertHidden, rng);
        out.printf(Locale.ROOT, "moe: %d tokens, dim %d, E=%d, k=%d, expert width %d vs dense SwiGLU width %d, %d threads%n",
                tokens, dim, experts, k, expertHidden, k * expertHidden, JvmBackend.current().threads());
        int reps = quick ? 3 : 30;
        int warmups = quick ? 2 : 10;
        double[] best = Timing.bestAlternating(warmups, reps, () -> {
            x.zeroGrad();
            dense.forward(x).backward(upstream);
        }, () -> {
            x.zeroGrad();
            MoeLayer.Output o = moe.compute(x, null, null);
            Graph.backward(List.of(o.out(), o.loadBalancingLoss(), o.zLoss()),
                    List.of(upstream, new float[] {0.01f}, new float[] {0.001f}));
        });
        double denseSec = best[0];
        double moeSec = best[1];
        double flops = 3 * 2.0 * tokens * dim * (double) (k * expertHidden) * 3;
        out.printf(Locale.ROOT, "dense SwiGLU  %9.0f tokens/s  (%.1f GFLOP/s fwd+bwd)%n", tokens / denseSec, flops / denseSec / 1e9);
        out.printf(Locale.ROOT, "MoE dropless  %9.0f tokens/s  (%.1f GFLOP/s fwd+bwd, active)%n", tokens / moeSec, flops / moeSec / 1e9);
        out.printf(Locale.ROOT, "ratio MoE/dense: %.2fx%n", denseSec / moeSec);
    }
}
