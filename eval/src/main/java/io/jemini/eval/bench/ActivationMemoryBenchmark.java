package io.jemini.eval.bench;

import io.jemini.engine.nn.AttentionShape;
import io.jemini.engine.nn.Auxiliary;
import io.jemini.engine.nn.FeedForward;
import io.jemini.engine.nn.ForwardContext;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.ops.Losses;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import io.jemini.kernels.backend.JvmBackend;
import io.jemini.lm.model.LmConfig;
import io.jemini.lm.model.TransformerLm;
import io.jemini.lm.training.LmRunConfig;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What activation checkpointing buys in training: for one sequence of growing length through a
 * config's model (blockwise attention, so attention itself stays linear), the heap the recorded
 * graph holds between forward and backward, and the time of a forward+backward step, with every
 * block stored and with every block checkpointed. The saving is in the blocks' intermediates;
 * the embedding, the logits and the loss stay stored either way.
 */
public final class ActivationMemoryBenchmark {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private ActivationMemoryBenchmark() {
    }

    /** {@code ffn} builds the feed-forwards (null: dense). */
    public static void run(LmRunConfig cfg, int vocab, boolean quick, PrintStream out, FeedForward.Factory ffn) {
        LmRunConfig.Model m = cfg.model();
        out.printf(Locale.ROOT, "activations: dim %d, %d layers, %d heads (%d key/value), vocab %d, %s, 1 sequence, %d threads%n",
                m.dim(), m.layers(), m.heads(), m.attentionShape().kvHeads(), vocab, ffn == null ? "dense" : "MoE",
                JvmBackend.current().threads());
        out.printf(Locale.ROOT, "%6s  %13s %13s %7s  %13s %13s %7s%n", "T", "stored MB", "checkpt MB", "ratio",
                "stored f+b ms", "checkpt f+b ms", "ratio");
        int longest = quick ? 1024 : 8192;
        for (int t = quick ? 256 : 512; t <= longest; t *= 2) {
            Measure stored = measure(model(m, vocab, t, false, ffn), vocab, t, quick);
            Measure checkpointed = measure(model(m, vocab, t, true, ffn), vocab, t, quick);
            out.printf(Locale.ROOT, "%6d  %13.1f %13.1f %6.2fx  %13.1f %13.1f %6.2fx%n", t, stored.bytes / 1e6,
                    checkpointed.bytes / 1e6, (double) stored.bytes / checkpointed.bytes, stored.seconds * 1e3,
                    checkpointed.seconds * 1e3, checkpointed.seconds / stored.seconds);
        }
    }

    private record Measure(long bytes, double seconds) {
    }

    private static TransformerLm model(LmRunConfig.Model m, int vocab, int length, boolean checkpoint, FeedForward.Factory ffn) {
        AttentionShape blockwise = new AttentionShape(m.heads(), m.attentionShape().kvHeads(), AttentionShape.Kind.BLOCKWISE, m.window());
        LmConfig shape = m.lmConfig(vocab).withAttention(blockwise, length, length, checkpoint);
        return ffn == null ? new TransformerLm(shape, new Rng(0)) : new TransformerLm(shape, new Rng(0), ffn);
    }

    private static Measure measure(TransformerLm lm, int vocab, int length, boolean quick) {
        Rng rng = new Rng(length);
        int[] in = new int[length];
        int[] target = new int[length];
        for (int i = 0; i < length; i++) {
            in[i] = rng.nextInt(vocab);
            target[i] = rng.nextInt(vocab);
        }
        Indices inputs = Indices.of(in, 1, length);
        Indices targets = Indices.of(target, 1, length);
        long before = settledHeap();
        Tensor loss = loss(lm, inputs, targets, rng);
        long held = settledHeap() - before;
        loss.backward();
        double seconds = Timing.best(1, quick ? 1 : 3, () -> {
            lm.parameters().values().forEach(Tensor::zeroGrad);
            loss(lm, inputs, targets, rng).backward();
        });
        return new Measure(held, seconds);
    }

    private static Tensor loss(TransformerLm lm, Indices inputs, Indices targets, Rng rng) {
        List<Auxiliary> aux = new ArrayList<>();
        Tensor logits = lm.logits(inputs, ForwardContext.training(rng, aux));
        return Auxiliary.addTo(Losses.crossEntropy(logits, targets, Losses.IGNORE_INDEX, 0f), aux);
    }

    /** Heap in use after a full collection: what live objects occupy. */
    private static long settledHeap() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
