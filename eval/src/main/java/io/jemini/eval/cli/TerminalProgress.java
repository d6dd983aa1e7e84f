package io.jemini.eval.cli;

import io.jemini.engine.training.Progress;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar with step, loss, throughput and ETA, for runs started from a terminal. It draws
 * on stdout: stderr passes through a line filter in {@code scripts/jemini}, which would hold back
 * the carriage-return updates.
 */
final class TerminalProgress implements Progress {
    private final String unit;
    private ProgressBar bar;

    private TerminalProgress(String unit) {
        this.unit = unit;
    }

    /** The bar on a terminal, plain lines every {@code every} steps otherwise (CI logs); {@code unit} labels throughput. */
    static Progress forConsole(int every, String unit) {
        return System.console() != null ? new TerminalProgress(unit) : Progress.lines(System.out, every, unit);
    }

    @Override
    public void start(long from, long total) {
        bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250).startsFrom(from, Duration.ZERO)
                .setConsumer(new ConsoleProgressBarConsumer(System.out)).build();
    }

    @Override
    public void step(long step, double loss, double throughput) {
        bar.stepTo(step);
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f, %.0f %s", loss, throughput, unit));
    }

    @Override
    public void line(String text) {
        if (bar != null) {
            bar.pause();
            System.out.println();
        }
        System.out.println(text);
        if (bar != null) {
            bar.resume();
        }
    }

    @Override
    public void finish() {
        if (bar != null) {
            bar.close();
        }
    }
}
