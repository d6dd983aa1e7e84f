package io.jemini.lm.data;

import io.jemini.engine.ops.Indices;
import io.jemini.engine.ops.Losses;
import io.jemini.engine.random.Rng;
import io.jemini.lm.text.ByteBpeTokenizer;
import java.util.Arrays;
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
public final class NeedleBatches implements BatchSource {
    private final BatchSource base;
    private final ByteBpeTokenizer tokenizer;
    private final double rate;
    private final int perWindow;
    private final long seed;
    private final boolean answerOnly;
    private long drawn;

    public NeedleBatches(BatchSource base, ByteBpeTokenizer tokenizer, double rate, int perWindow, long seed,
                         boolean answerOnly) {
        this.base = base;
        this.tokenizer = tokenizer;
        this.rate = rate;
        this.perWindow = perWindow;
        this.seed = seed;
        this.answerOnly = answerOnly;
    }

    @Override
    public Indices[] next(int batch, int seq) {
        Indices[] pair = base.next(batch, seq);
        int[] in = pair[0].values().clone();
        int[] target = pair[1].values().clone();
        Rng rng = new Rng(seed ^ (++drawn * 0x9E3779B97F4A7C15L));
        int[] window = new int[seq + 1];
        for (int b = 0; b < batch; b++) {
            if (rng.nextDouble() >= rate) {
                continue;
            }
            System.arraycopy(in, b * seq, window, 0, seq);
            window[seq] = target[b * seq + seq - 1];
            int count = perWindow == 1 ? 1 : 1 + rng.nextInt(perWindow);
            List<Needles.Needle> needles = Needles.draw(rng, count, false);
            double[] depths = new double[count];
            for (int i = 0; i < count; i++) {
                depths[i] = rng.nextDouble();
            }
            int asked = count == 1 ? 0 : rng.nextInt(count);
            int answer = insert(window, needles, depths, asked);
            if (answer > 0) {
                System.arraycopy(window, 0, in, b * seq, seq);
                System.arraycopy(window, 1, target, b * seq, seq);
                if (answerOnly) {
                    Arrays.fill(target, b * seq, b * seq + seq - answer, Losses.IGNORE_INDEX);
                }
            }
        }
        return new Indices[] {Indices.of(in, batch, seq), Indices.of(target, batch, seq)};
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

    @Override
    public long[] position() {
        long[] inner = base.position();
        long[] out = Arrays.copyOf(inner, inner.length + 1);
        out[inner.length] = drawn;
        return out;
    }

    @Override
    public void seek(long[] position) {
        base.seek(Arrays.copyOf(position, position.length - 1));
        drawn = position[position.length - 1];
    }
}
