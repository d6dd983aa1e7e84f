package io.jemini.engine.training;

/** Where a training loop reports progress: a progress bar on a terminal, plain lines in logs. */
public interface Progress {
    /** Training covers steps {@code from+1 … total}. */
    void start(long from, long total);

    /** After each step. */
    void step(long step, double loss, double tokensPerSecond);

    /** A line for the log (evaluations, checkpoints, warnings). */
    void line(String text);

    void finish();

    /** Prints every {@code every}-th step as a plain line. */
    static Progress lines(java.io.PrintStream out, int every) {
        return new Progress() {
            private long total;

            @Override
            public void start(long from, long all) {
                total = all;
                out.printf("training steps %d..%d%n", from + 1, all);
            }

            @Override
            public void step(long step, double loss, double tokensPerSecond) {
                if (step % every == 0 || step == total) {
                    out.printf(java.util.Locale.ROOT, "step %6d/%d  loss %.4f  %.0f tok/s%n", step, total, loss, tokensPerSecond);
                }
            }

            @Override
            public void line(String text) {
                out.println(text);
            }

            @Override
            public void finish() {
                out.flush();
            }
        };
    }
}
