package io.jemini.engine.optim;

/** The learning rate as a function of the (0-based) step. */
@FunctionalInterface
public interface LrSchedule {
    float at(long step);

    static LrSchedule constant(float lr) {
        return step -> lr;
    }

    /**
     * Linear warm-up to {@code peak} over {@code warmup} steps ({@code peak * (step+1)/warmup}),
     * then cosine decay to {@code min} at {@code total} steps, constant after.
     */
    static LrSchedule warmupCosine(float peak, long warmup, long total, float min) {
        if (warmup < 0 || total < warmup) {
            throw new IllegalArgumentException("warmup-cosine: need 0 <= warmup (" + warmup + ") <= total (" + total + ")");
        }
        return step -> {
            if (step < warmup) {
                return peak * (step + 1) / warmup;
            }
            double progress = Math.min(1.0, (double) (step - warmup) / Math.max(1, total - warmup));
            return (float) (min + 0.5 * (peak - min) * (1.0 + Math.cos(Math.PI * progress)));
        };
    }
}
