package io.jemini.lm.data;

import io.jemini.engine.ops.Indices;
import io.jemini.engine.ops.Losses;
import io.jemini.engine.random.Rng;
import java.util.Arrays;

/**
 * Training batches in which a share {@code rate} of the windows drawn from {@code base} are
 * rewritten into exercises ending with an answer (needles, RULER-style tasks). Which windows change
 * and how are functions of the seed and the batch's position, so resumed runs see the same
 * batches. With {@code answerOnly} an exercise is scored on its answer alone (the other targets get
 * the ignore index); other windows keep the full loss.
 */
public abstract class ExerciseBatches implements BatchSource {
    private final BatchSource base;
    private final double rate;
    private final long seed;
    private final boolean answerOnly;
    private long drawn;

    protected ExerciseBatches(BatchSource base, double rate, long seed, boolean answerOnly) {
        this.base = base;
        this.rate = rate;
        this.seed = seed;
        this.answerOnly = answerOnly;
    }

    /**
     * Rewrites {@code window} ({@code seq + 1} tokens, its own text on entry) into an exercise whose
     * answer is its last tokens, drawing from {@code rng}; returns the answer's length, or 0 to leave
     * the window as it was.
     */
    protected abstract int rewrite(Rng rng, int[] window);

    @Override
    public final Indices[] next(int batch, int seq) {
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
            int answer = rewrite(rng, window);
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

    @Override
    public final long[] position() {
        long[] inner = base.position();
        long[] out = Arrays.copyOf(inner, inner.length + 1);
        out[inner.length] = drawn;
        return out;
    }

    @Override
    public final void seek(long[] position) {
        base.seek(Arrays.copyOf(position, position.length - 1));
        drawn = position[position.length - 1];
    }
}
