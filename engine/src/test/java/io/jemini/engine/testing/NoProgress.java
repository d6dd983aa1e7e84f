package io.jemini.engine.testing;

import io.jemini.engine.training.Progress;

/** A training loop's progress, shown nowhere (tests read the metrics instead). */
public final class NoProgress implements Progress {
    public static final Progress INSTANCE = new NoProgress();

    private NoProgress() {
    }

    @Override
    public void start(long from, long total) {
    }

    @Override
    public void step(long step, double loss, double throughput) {
    }

    @Override
    public void line(String text) {
    }

    @Override
    public void finish() {
    }
}
