package io.jemini.lm.eval;

import io.jemini.lm.data.Needles;
import io.jemini.lm.text.ByteBpeTokenizer;
import java.util.List;

/**
 * Filler text for needle tests: held-out documents' tokens, concatenated and repeated to any
 * length, with needles inserted at sentence ends (walking back from the requested depth to the
 * nearest token ending in a full stop, as the reference harness does).
 */
public final class Haystack {
    private final int[] source;
    private final boolean[] endsSentence;
    private final ByteBpeTokenizer tokenizer;

    public Haystack(int[] source, ByteBpeTokenizer tokenizer) {
        if (source.length == 0) {
            throw new IllegalArgumentException("the haystack needs held-out text; the test split is empty");
        }
        this.source = source;
        this.tokenizer = tokenizer;
        this.endsSentence = new boolean[tokenizer.vocabSize()];
        for (int t = 0; t < endsSentence.length; t++) {
            endsSentence[t] = tokenizer.decode(new int[] {t}).endsWith(".");
        }
    }

    public ByteBpeTokenizer tokenizer() {
        return tokenizer;
    }

    /**
     * A prompt of exactly {@code length} tokens: filler with each needle's statement at its depth
     * (0 = start, 1 = just before the question), then {@code question}.
     */
    public int[] build(int length, List<Needles.Needle> needles, double[] depths, int[] question) {
        int[][] statements = Needles.statements(tokenizer, needles);
        int used = question.length;
        for (int[] st : statements) {
            used += st.length;
        }
        int filler = length - used;
        if (filler < 0) {
            throw new IllegalArgumentException("a context of " + length + " tokens cannot hold " + needles.size()
                    + " needle(s) and the question (" + used + " tokens)");
        }
        int[] out = new int[length];
        int written = Needles.interleave(out, source, filler, statements, depths, d -> sentenceStart((int) Math.round(d * filler)));
        System.arraycopy(question, 0, out, written, question.length);
        return out;
    }

    /** The filler position at or before {@code p} that follows a sentence end (0 if none). */
    private int sentenceStart(int p) {
        for (int q = p; q > 0; q--) {
            if (endsSentence[source[(q - 1) % source.length]]) {
                return q;
            }
        }
        return 0;
    }
}
