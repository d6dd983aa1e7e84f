package io.jemini.eval.longcontext;

import io.jemini.engine.data.Needles;
import io.jemini.engine.text.ByteBpeTokenizer;
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

    /** A prompt of exactly {@code length} tokens and where each statement went. */
    public record Prompt(int[] tokens, int[] positions) {
    }

    /**
     * Filler with each needle's statement at its depth (0 = start, 1 = just before the question),
     * then {@code question}; {@code length} tokens in all.
     */
    public Prompt build(int length, List<Needles.Needle> needles, double[] depths, int[] question) {
        int[][] statements = new int[needles.size()][];
        int used = question.length;
        for (int i = 0; i < statements.length; i++) {
            statements[i] = tokenizer.encode(needles.get(i).statement());
            used += statements[i].length;
        }
        int filler = length - used;
        if (filler < 0) {
            throw new IllegalArgumentException("a context of " + length + " tokens cannot hold " + needles.size()
                    + " needle(s) and the question (" + used + " tokens)");
        }
        int[] at = new int[needles.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = sentenceStart((int) Math.round(depths[i] * filler));
        }
        Integer[] order = new Integer[at.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(at[a], at[b]));
        int[] out = new int[length];
        int[] positions = new int[needles.size()];
        int o = 0;
        int f = 0;
        for (int idx : order) {
            while (f < at[idx]) {
                out[o++] = source[f++ % source.length];
            }
            positions[idx] = o;
            System.arraycopy(statements[idx], 0, out, o, statements[idx].length);
            o += statements[idx].length;
        }
        while (f < filler) {
            out[o++] = source[f++ % source.length];
        }
        System.arraycopy(question, 0, out, o, question.length);
        return new Prompt(out, positions);
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
