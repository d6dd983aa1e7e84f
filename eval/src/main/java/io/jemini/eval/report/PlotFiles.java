package io.jemini.eval.report;

import io.jemini.engine.io.AtomicFiles;
import io.jemini.engine.training.RunDirectory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Writes figures as PNG files into a run's {@code plots/} directory, atomically (see {@link Figures}). */
public final class PlotFiles {
    private PlotFiles() {
    }

    public static void chart(RunDirectory run, String name, Chart<?, ?> chart) {
        image(run, name, BitmapEncoder.getBufferedImage(chart));
    }

    public static void image(RunDirectory run, String name, BufferedImage image) {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            AtomicFiles.write(run.plots().resolve(name), png.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + name + ": " + e.getMessage(), e);
        }
    }
}
