package io.jemini.lm.data;

import io.jemini.engine.ops.Indices;
import io.jemini.engine.random.Rng;

/**
 * Generated text with known statistics: a second-order Markov chain over {@code vocab} tokens in
 * which every two-token context allows {@code branching} next tokens with random probabilities.
 * A model that learns the chain reaches its entropy rate, which {@link #entropyRate} estimates,
 * so the floor a loss should approach is known. Needs no download.
 */
public final class MarkovCorpus {
    private final int vocab;
    private final int branching;
    private final int[][] next;
    private final double[][] probs;

    public MarkovCorpus(int vocab, int branching, long seed) {
        if (vocab < 2 || branching < 1 || branching > vocab) {
            throw new IllegalArgumentException("markov corpus: need vocab >= 2 and 1 <= branching <= vocab, got vocab="
                    + vocab + ", branching=" + branching);
        }
        this.vocab = vocab;
        this.branching = branching;
        Rng rng = new Rng(seed);
        int contexts = vocab * vocab;
        this.next = new int[contexts][branching];
        this.probs = new double[contexts][branching];
        for (int c = 0; c < contexts; c++) {
            boolean[] used = new boolean[vocab];
            double total = 0;
            for (int j = 0; j < branching; j++) {
                int t;
                do {
                    t = rng.nextInt(vocab);
                } while (used[t]);
                used[t] = true;
                next[c][j] = t;
                probs[c][j] = 0.2 + rng.nextDouble();
                total += probs[c][j];
            }
            for (int j = 0; j < branching; j++) {
                probs[c][j] /= total;
            }
        }
    }

    public int vocab() {
        return vocab;
    }

    /** A token sequence of the given length continuing from a random context. */
    public int[] sample(Rng rng, int length) {
        int[] out = new int[length];
        int a = rng.nextInt(vocab);
        int b = rng.nextInt(vocab);
        for (int i = 0; i < length; i++) {
            int c = a * vocab + b;
            double u = rng.nextDouble();
            int j = 0;
            double acc = probs[c][0];
            while (u >= acc && j < branching - 1) {
                j++;
                acc += probs[c][j];
            }
            out[i] = next[c][j];
            a = b;
            b = out[i];
        }
        return out;
    }

    /** {@code batch} sequences of {@code seq + 1} tokens as inputs {@code [B, seq]} and targets shifted by one. */
    public Indices[] batch(Rng rng, int batch, int seq) {
        int[] in = new int[batch * seq];
        int[] target = new int[batch * seq];
        for (int b = 0; b < batch; b++) {
            int[] s = sample(rng, seq + 1);
            System.arraycopy(s, 0, in, b * seq, seq);
            System.arraycopy(s, 1, target, b * seq, seq);
        }
        return new Indices[] {Indices.of(in, batch, seq), Indices.of(target, batch, seq)};
    }

    /**
     * The chain's entropy rate in nats per token, estimated as the average surprisal of the true
     * next-token distribution along a long sample.
     */
    public double entropyRate(Rng rng, int tokens) {
        int[] s = sample(rng, tokens + 2);
        double total = 0;
        for (int i = 2; i < s.length; i++) {
            int c = s[i - 2] * vocab + s[i - 1];
            double h = 0;
            for (double p : probs[c]) {
                h -= p * Math.log(p);
            }
            total += h;
        }
        return total / tokens;
    }
}
