package io.jemini.engine.training;

import io.jemini.engine.config.ConfigException;
import java.util.List;
import java.util.Locale;

/**
 * What a training run will hold on the heap, estimated from its config before anything is built:
 * parameters, their gradients and the two AdamW moments (4 floats per parameter), plus the
 * activations one step records for backward. The estimate is meant to catch configs that cannot
 * fit at all (a model dimension of 100,000) with a message naming the keys, not to predict the
 * peak: the collector needs headroom beyond it.
 *
 * @param parameters  trainable parameters
 * @param activations floats recorded by one training step's forward pass
 * @param keys        the config keys that drive the size, for the message
 */
public record MemoryEstimate(double parameters, double activations, List<String> keys) {
    /** Bytes: parameters, gradients, two optimizer moments, and activations, all float32. */
    public double bytes() {
        return 4 * (4 * parameters + activations);
    }

    /** Refuses the run when the estimate exceeds {@code maxHeap} bytes; {@code source} names the config. */
    public void requireFits(String source, long maxHeap) {
        if (bytes() <= maxHeap) {
            return;
        }
        throw new ConfigException(source, List.of(String.format(Locale.ROOT,
                "this model needs about %s (%s parameters: %s for them, their gradients and AdamW's moments; %s of "
                        + "activations per step) but the heap holds %s; lower %s, or raise the heap (JEMINI_HEAP=16g "
                        + "scripts/jemini ...)", size(bytes()), count(parameters), size(16 * parameters), size(4 * activations),
                size(maxHeap), String.join(", ", keys))));
    }

    /** The language model of {@code c}: a vocabulary of {@code data.vocab_size} (BPE) or the Markov chain's states. */
    public static MemoryEstimate of(LmRunConfig c) {
        LmRunConfig.Model m = c.model();
        double vocab = c.data().source() == LmRunConfig.Source.MARKOV ? c.data().markovVocab() : c.data().vocabSize();
        double d = m.dim();
        double kv = (m.kvHeads() == 0 ? m.heads() : m.kvHeads()) * (d / m.heads());
        double attention = 2 * d * d + 2 * d * kv;
        double dense = m.ffn() == LmRunConfig.FeedForwardKind.GELU ? 2 * d * m.hidden() + m.hidden() + d
                : 3 * d * m.hidden();
        LmRunConfig.Moe moe = c.moe();
        double routed = moe.enabled() ? (moe.experts() + moe.sharedExperts()) * 3 * d * moe.hidden() + moe.experts() * d : dense;
        double moeLayers = moe.enabled() ? m.layers() / moe.every() : 0;
        double norm = m.norm() == LmRunConfig.NormKind.LAYER ? 2 * d : d;
        double params = vocab * d * (m.tiedEmbeddings() ? 1 : 2) + m.layers() * (attention + 2 * norm) + norm
                + moeLayers * routed + (m.layers() - moeLayers) * dense;
        double tokens = (double) c.train().batchSize() * m.seqLen();
        double active = moe.enabled() ? (moe.topK() + moe.sharedExperts()) * 3 * moe.hidden() : 3 * m.hidden();
        double perLayer = tokens * (12 * d + 2 * kv + active)
                + (m.attention() == LmRunConfig.AttentionKind.PLAIN
                        ? 2.0 * c.train().batchSize() * m.heads() * m.seqLen() * m.seqLen() : 0);
        double activations = (m.checkpointBlocks() ? tokens * d * m.layers() + perLayer : perLayer * m.layers())
                + 3 * tokens * vocab;
        return new MemoryEstimate(params, activations, List.of("model.dim", "model.hidden", "model.layers", "model.seq_len",
                "train.batch_size", "data.vocab_size" + (moe.enabled() ? ", moe.experts, moe.hidden" : "")));
    }

    private static String size(double bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (1L << 30))
                : String.format(Locale.ROOT, "%.0f MiB", bytes / (1L << 20));
    }

    private static String count(double n) {
        return n >= 1e9 ? String.format(Locale.ROOT, "%.1fB", n / 1e9) : String.format(Locale.ROOT, "%.1fM", n / 1e6);
    }
}
