package io.jemini.engine.training;

/** Where a training loop reports progress: a progress bar on a terminal, plain lines in logs. */
public interface Progress {
    /** Training covers steps {@code from+1 … total}. */
    void start(long from, long total);

    /** After each step, with the throughput in the unit the progress was made for (tokens/s, pairs/s). */
    void step(long step, double loss, double throughput);

    /** A line for the log (evaluations, checkpoints, warnings). */
    void line(String text);

    void finish();

    /** Prints every {@code every}-th step as a plain line; {@code unit} labels the throughput (e.g. "tok/s"). */
    static Progress lines(java.io.PrintStream out, int every, String unit) {
        return new Progress() {
            private long total;

            @Override
            public void start(long from, long all) {
                total = all;
                out.printf("training steps %d..%d%n", from + 1, all);
            }

            @Override
            public void step(long step, double loss, double throughput) {
                if (step % every == 0 || step == total) {
                    out.printf(java.util.Locale.ROOT, "step %6d/%d  loss %.4f  %.0f %s%n", step, total, loss, throughput, unit);
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
