package io.jemini.lm.training;

import io.jemini.engine.nn.AttentionShape;
import io.jemini.engine.nn.FeedForward;
import io.jemini.engine.nn.Norm;
import io.jemini.engine.training.MemoryEstimate;
import io.jemini.experts.routing.MoeConfig;
import java.util.List;

/** The heap a language-model run needs, estimated from its config before anything is built ({@link MemoryEstimate}). */
public final class LmMemory {
    private LmMemory() {
    }

    /** The language model of {@code c}: a vocabulary of {@code data.vocab_size} (BPE) or the Markov chain's states. */
    public static MemoryEstimate of(LmRunConfig c) {
        double vocab = c.data().source() == LmRunConfig.Source.MARKOV ? c.data().markovVocab() : c.data().vocabSize();
        return of(c.model(), c.moe(), vocab, c.train().batchSize(), "data.vocab_size");
    }

    /** A decoder of shape {@code m} with {@code moe}, a vocabulary of {@code vocab} and batches of {@code batch} sequences. */
    public static MemoryEstimate of(LmRunConfig.Model m, MoeConfig moe, double vocab, int batch, String vocabKey) {
        double d = m.dim();
        double kv = (m.kvHeads() == 0 ? m.heads() : m.kvHeads()) * (d / m.heads());
        double attention = 2 * d * d + 2 * d * kv;
        double dense = m.ffn() == FeedForward.Kind.GELU ? 2 * d * m.hidden() + m.hidden() + d
                : 3 * d * m.hidden();
        double routed = moe.enabled() ? (moe.experts() + moe.sharedExperts()) * 3 * d * moe.hidden() + moe.experts() * d : dense;
        double moeLayers = moe.enabled() ? m.layers() / moe.every() : 0;
        double norm = m.norm() == Norm.Kind.LAYER ? 2 * d : d;
        double params = vocab * d * (m.tiedEmbeddings() ? 1 : 2) + m.layers() * (attention + 2 * norm) + norm
                + moeLayers * routed + (m.layers() - moeLayers) * dense;
        double tokens = (double) batch * m.seqLen();
        double active = moe.enabled() ? (moe.topK() + moe.sharedExperts()) * 3 * moe.hidden() : 3 * m.hidden();
        double perLayer = tokens * (12 * d + 2 * kv + active)
                + (m.attention() == AttentionShape.Kind.PLAIN
                        ? 2.0 * batch * m.heads() * m.seqLen() * m.seqLen() : 0);
        double activations = (m.checkpointBlocks() ? tokens * d * m.layers() + perLayer : perLayer * m.layers())
                + 3 * tokens * vocab;
        return new MemoryEstimate(params, activations, List.of("model.dim", "model.hidden", "model.layers", "model.seq_len",
                "train.batch_size", vocabKey + (moe.enabled() ? ", moe.experts, moe.hidden" : "")));
    }

}
