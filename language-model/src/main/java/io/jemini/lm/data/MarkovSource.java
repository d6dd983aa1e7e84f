package io.jemini.lm.data;

import io.jemini.engine.ops.Indices;
import io.jemini.engine.random.Rng;

/** Training batches sampled from a {@link MarkovCorpus}; the position is the sampler's generator state. */
public final class MarkovSource implements BatchSource {
    private final MarkovCorpus corpus;
    private Rng rng;

    public MarkovSource(MarkovCorpus corpus, long seed) {
        this.corpus = corpus;
        this.rng = new Rng(seed);
    }

    @Override
    public Indices[] next(int batch, int seq) {
        return corpus.batch(rng, batch, seq);
    }

    @Override
    public long[] position() {
        return new long[] {rng.state()};
    }

    @Override
    public void seek(long[] position) {
        rng = new Rng(position[0]);
    }
}
