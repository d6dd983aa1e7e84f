package io.jemini.engine.nn;

import io.jemini.engine.ops.Indexing;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;

/** A lookup table {@code weight [vocab, dim]}, initialised normal with standard deviation {@code std}. */
public final class Embedding extends Module {
    private final Tensor weight;

    public Embedding(int vocab, int dim, float std, Rng rng) {
        this.weight = parameter("weight", Tensor.randn(rng, std, vocab, dim));
    }

    public Tensor weight() {
        return weight;
    }

    public Tensor forward(Indices ids) {
        return Indexing.embedding(weight, ids);
    }
}
