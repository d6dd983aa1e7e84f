package io.jemini.lm.data;

import io.jemini.engine.random.Rng;
import io.jemini.lm.text.ByteBpeTokenizer;
import java.util.List;

/**
 * Training batches with needles: a share {@code rate} of the windows drawn from {@code base}
 * become retrieval exercises — a needle inserted at a random depth of the text, then its question
 * and answer at the window's end — so a model learns to fetch a fact from anywhere in its
 * context. With {@code perWindow} above one, an exercise holds between one and that many needles
 * with distinct keys at independent depths and asks for one of them, so the model must match the
 * key rather than copy the only number present. With {@code answerOnly}, such a window is scored on its answer alone (the other
 * targets get the ignore index), the passkey-training recipe; other windows keep the full loss.
 * Which windows change, where and with which needle are functions of the seed and the batch's
 * position, so resumed runs see the same batches.
 */
public final class NeedleBatches extends ExerciseBatches {
    private final ByteBpeTokenizer tokenizer;
    private final int perWindow;

    public NeedleBatches(BatchSource base, ByteBpeTokenizer tokenizer, double rate, int perWindow, long seed,
                         boolean answerOnly) {
        super(base, rate, seed, answerOnly);
        this.tokenizer = tokenizer;
        this.perWindow = perWindow;
    }

    @Override
    protected int rewrite(Rng rng, int[] window) {
        int count = perWindow == 1 ? 1 : 1 + rng.nextInt(perWindow);
        List<Needles.Needle> needles = Needles.draw(rng, count, false);
        double[] depths = new double[count];
        for (int i = 0; i < count; i++) {
            depths[i] = rng.nextDouble();
        }
        int asked = count == 1 ? 0 : rng.nextInt(count);
        return insert(window, needles, depths, asked);
    }

    /**
     * Rewrites {@code window} (seq + 1 tokens): text with {@code needles} at {@code depths} of the
     * text part (in increasing depth order, each needle at its depth), then the question for needle
     * {@code asked} and its answer as the last tokens. Returns the answer's length in tokens, or 0
     * (window unchanged) when the window is too short.
     */
    int insert(int[] window, List<Needles.Needle> needles, double[] depths, int asked) {
        int[][] statements = Needles.statements(tokenizer, needles);
        int statementTokens = 0;
        for (int[] st : statements) {
            statementTokens += st.length;
        }
        int[] question = tokenizer.encode(needles.get(asked).question());
        int[] answer = tokenizer.encode(needles.get(asked).answer());
        int text = window.length - statementTokens - question.length - answer.length;
        if (text < 1) {
            return 0;
        }
        int written = Needles.interleave(window, window.clone(), text, statements, depths, d -> (int) Math.round(d * text));
        System.arraycopy(question, 0, window, written, question.length);
        System.arraycopy(answer, 0, window, window.length - answer.length, answer.length);
        return answer.length;
    }
}
