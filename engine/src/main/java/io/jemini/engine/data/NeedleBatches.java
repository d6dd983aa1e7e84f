package io.jemini.engine.data;

import io.jemini.engine.ops.Indices;
import io.jemini.engine.ops.Losses;
import io.jemini.engine.random.Rng;
import io.jemini.engine.text.ByteBpeTokenizer;

/**
 * Training batches with needles: a share {@code rate} of the windows drawn from {@code base}
 * become retrieval exercises — a needle inserted at a random depth of the text, then its question
 * and answer at the window's end — so a model learns to fetch a fact from anywhere in its
 * context. With {@code answerOnly}, such a window is scored on its answer alone (the other
 * targets get the ignore index), the passkey-training recipe; other windows keep the full loss.
 * Which windows change, where and with which needle are functions of the seed and the batch's
 * position, so resumed runs see the same batches.
 */
public final class NeedleBatches implements BatchSource {
    private final BatchSource base;
    private final ByteBpeTokenizer tokenizer;
    private final double rate;
    private final long seed;
    private final boolean answerOnly;
    private long drawn;

    public NeedleBatches(BatchSource base, ByteBpeTokenizer tokenizer, double rate, long seed, boolean answerOnly) {
        this.base = base;
        this.tokenizer = tokenizer;
        this.rate = rate;
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
            Needles.Needle needle = Needles.draw(rng, 1, false).get(0);
            int answer = insert(window, needle, rng.nextDouble());
            if (answer > 0) {
                System.arraycopy(window, 0, in, b * seq, seq);
                System.arraycopy(window, 1, target, b * seq, seq);
                if (answerOnly) {
                    java.util.Arrays.fill(target, b * seq, b * seq + seq - answer, Losses.IGNORE_NONE);
                }
            }
        }
        return new Indices[] {Indices.of(in, batch, seq), Indices.of(target, batch, seq)};
    }

    /**
     * Rewrites {@code window} (seq + 1 tokens): text, the needle at {@code depth} of the text part,
     * text, then question and answer as its last tokens. Returns the answer's length in tokens,
     * or 0 (window unchanged) when the window is too short.
     */
    int insert(int[] window, Needles.Needle needle, double depth) {
        int[] statement = tokenizer.encode(needle.statement());
        int[] question = tokenizer.encode(needle.question());
        int[] answer = tokenizer.encode(needle.answer());
        int text = window.length - statement.length - question.length - answer.length;
        if (text < 1) {
            return 0;
        }
        int at = (int) Math.round(depth * text);
        int[] source = window.clone();
        System.arraycopy(statement, 0, window, at, statement.length);
        System.arraycopy(source, at, window, at + statement.length, text - at);
        System.arraycopy(question, 0, window, text + statement.length, question.length);
        System.arraycopy(answer, 0, window, window.length - answer.length, answer.length);
        return answer.length;
    }

    @Override
    public long[] position() {
        long[] inner = base.position();
        long[] out = java.util.Arrays.copyOf(inner, inner.length + 1);
        out[inner.length] = drawn;
        return out;
    }

    @Override
    public void seek(long[] position) {
        base.seek(java.util.Arrays.copyOf(position, position.length - 1));
        drawn = position[position.length - 1];
    }
}
