package io.jemini.lm.ruler;

import io.jemini.engine.random.Rng;
import io.jemini.lm.data.BatchSource;
import io.jemini.lm.data.ExerciseBatches;
import java.util.List;

/**
 * Training batches with RULER-style exercises: a share {@code rate} of the windows drawn from
 * {@code base} become an instance of one of {@code tasks} (uniformly), its essay text taken from
 * the window itself, scored on the answer alone; other windows keep the full loss. Which windows
 * change and how are functions of the seed and the batch's position, so resumed runs see the same
 * batches. A window too short for the task drawn for it stays as it is.
 */
public final class RulerBatches extends ExerciseBatches {
    private final RulerGenerator generator;
    private final List<RulerTask> tasks;

    public RulerBatches(BatchSource base, RulerGenerator generator, double rate, List<RulerTask> tasks, long seed) {
        super(base, rate, seed, true);
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("RULER-style training needs at least one task");
        }
        this.generator = generator;
        this.tasks = List.copyOf(tasks);
    }

    @Override
    protected int rewrite(Rng rng, int[] window) {
        RulerExample e = generator.example(tasks.get(rng.nextInt(tasks.size())), rng, window.length, window);
        if (e == null) {
            return 0;
        }
        System.arraycopy(e.tokens(), 0, window, 0, window.length);
        return e.answer().length;
    }
}
