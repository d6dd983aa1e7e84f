package io.jemini.lm.ruler;

import io.jemini.engine.ops.Indices;
import io.jemini.engine.ops.Losses;
import io.jemini.engine.random.Rng;
import io.jemini.lm.data.BatchSource;
import java.util.Arrays;
import java.util.List;

/**
 * Training batches with RULER-style exercises: a share {@code rate} of the windows drawn from
 * {@code base} become an instance of one of {@code tasks} (uniformly), its essay text taken from
 * the window itself, scored on the answer alone; other windows keep the full loss. Which windows
 * change and how are functions of the seed and the batch's position, so resumed runs see the same
 * batches. A window too short for the task drawn for it stays as it is.
 */
public final class RulerBatches implements BatchSource {
    private final BatchSource base;
    private final RulerGenerator generator;
    private final double rate;
    private final List<RulerTask> tasks;
    private final long seed;
    private long drawn;

    public RulerBatches(BatchSource base, RulerGenerator generator, double rate, List<RulerTask> tasks, long seed) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("RULER-style training needs at least one task");
        }
        this.base = base;
        this.generator = generator;
        this.rate = rate;
        this.tasks = List.copyOf(tasks);
        this.seed = seed;
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
            RulerExample e = generator.example(tasks.get(rng.nextInt(tasks.size())), rng, seq + 1, window.clone());
            if (e == null) {
                continue;
            }
            int[] tokens = e.tokens();
            System.arraycopy(tokens, 0, in, b * seq, seq);
            System.arraycopy(tokens, 1, target, b * seq, seq);
            Arrays.fill(target, b * seq, b * seq + seq - e.answer().length, Losses.IGNORE_INDEX);
        }
        return new Indices[] {Indices.of(in, batch, seq), Indices.of(target, batch, seq)};
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
