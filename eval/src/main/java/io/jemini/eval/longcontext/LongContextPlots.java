package io.jemini.eval.longcontext;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.training.RunDirectory;
import io.jemini.eval.report.PlotFiles;
import io.jemini.lm.eval.PowerLawFit;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The figures of the long-context suites: the needle grid, multi-needle recall, and loss versus position. */
public final class LongContextPlots {
    private static final int CELL = 44;

    private LongContextPlots() {
    }

    /**
     * Green (found) to red (missed) cells, context length across, depth down, as in the Gemini
     * figures; a cell's value is its recall (0 or 1 for one needle, a fraction over several).
     */
    public static void grid(RunDirectory run, JsonNode grid, String file) {
        JsonNode lengths = grid.get("lengths");
        JsonNode depths = grid.get("depths");
        int left = 70;
        int top = 44;
        BufferedImage img = new BufferedImage(Math.max(300, left + lengths.size() * CELL + 10), top + depths.size() * CELL + 40,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(Color.BLACK);
        g.drawString(String.format(java.util.Locale.ROOT, "needle recall %.1f%%", 100 * grid.path("recall").asDouble()), 4, 16);
        g.drawString("depth down, " + grid.path("across").asText("context length (tokens)") + " across", 4, 32);
        for (int l = 0; l < lengths.size(); l++) {
            for (int d = 0; d < depths.size(); d++) {
                double hit = grid.get("cells").get(l).get(d).asDouble();
                g.setColor(new Color((int) Math.round(210 + (40 - 210) * hit), (int) Math.round(50 + (170 - 50) * hit),
                        (int) Math.round(50 + (80 - 50) * hit)));
                g.fillRect(left + l * CELL, top + d * CELL, CELL - 2, CELL - 2);
            }
            g.setColor(Color.BLACK);
            g.drawString(lengths.get(l).asText(), left + l * CELL + 2, top + depths.size() * CELL + 14);
        }
        for (int d = 0; d < depths.size(); d++) {
            g.drawString(String.format(java.util.Locale.ROOT, "%.0f%%", depths.get(d).asDouble()), 8, top + d * CELL + CELL / 2);
        }
        g.dispose();
        PlotFiles.image(run, file, img);
    }

    /** Recall per length with distinct keys and with similar keys. */
    public static void multi(RunDirectory run, JsonNode multi, String file) {
        XYChart chart = chart("Multi-needle recall (" + multi.path("needles").asInt() + " needles)", "context length (tokens)",
                "fraction recalled");
        List<Double> xs = numbers(multi.get("lengths"));
        add(chart, "distinct keys", xs, numbers(multi.get("recall")), SeriesMarkers.CIRCLE);
        add(chart, "similar keys", xs, numbers(multi.get("recall_similar_keys")), SeriesMarkers.SQUARE);
        add(chart, "another needle's number (distinct keys)", xs, numbers(multi.get("wrong_needle")), SeriesMarkers.DIAMOND);
        add(chart, "another needle's number (similar keys)", xs, numbers(multi.get("wrong_needle_similar_keys")),
                SeriesMarkers.TRIANGLE_UP);
        PlotFiles.chart(run, file, chart);
    }

    /** Mean exact-match accuracy per task family against context length (log scale). */
    public static void ruler(RunDirectory run, JsonNode ruler, String file) {
        XYChart chart = chart("RULER-style tasks (trained at " + ruler.path("trained_length").asInt() + " tokens)",
                "context length (tokens, log scale)", "exact match");
        chart.getStyler().setXAxisLogarithmic(true);
        List<Double> lengths = numbers(ruler.get("lengths"));
        java.util.Map<String, List<JsonNode>> byFamily = new java.util.LinkedHashMap<>();
        for (int t = 0; t < ruler.get("tasks").size(); t++) {
            byFamily.computeIfAbsent(ruler.get("families").get(t).asText(), f -> new ArrayList<>())
                    .add(ruler.path("accuracy").path(ruler.get("tasks").get(t).asText()));
        }
        org.knowm.xchart.style.markers.Marker[] markers = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND};
        int m = 0;
        for (var family : byFamily.entrySet()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int li = 0; li < lengths.size(); li++) {
                double sum = 0;
                int n = 0;
                for (JsonNode task : family.getValue()) {
                    if (!task.get(li).isNull()) {
                        sum += task.get(li).asDouble();
                        n++;
                    }
                }
                if (n > 0) {
                    xs.add(lengths.get(li));
                    ys.add(sum / n);
                }
            }
            if (!xs.isEmpty()) {
                add(chart, family.getKey(), xs, ys, markers[m++ % markers.length]);
            }
        }
        PlotFiles.chart(run, file, chart);
    }

    /** C(x) against x (log scale) with the fitted power law. */
    public static void position(RunDirectory run, JsonNode loss, String file) {
        XYChart chart = chart("Cumulative NLL by position", "position x (tokens, log scale)", "C(x) (nats/token)");
        chart.getStyler().setXAxisLogarithmic(true);
        List<Double> xs = numbers(loss.get("x"));
        add(chart, "measured", xs, numbers(loss.get("cumulative_nll")), SeriesMarkers.CIRCLE);
        JsonNode f = loss.get("fit");
        if (f != null) {
            PowerLawFit fit = new PowerLawFit(f.get("alpha").asDouble(), f.get("beta").asDouble(), f.get("gamma").asDouble(),
                    f.get("r_squared").asDouble());
            List<Double> fx = new ArrayList<>();
            List<Double> fy = new ArrayList<>();
            for (double x = xs.get(0); x <= f.path("up_to").asDouble(xs.get(xs.size() - 1)) * 1.0001; x *= 1.1) {
                fx.add(x);
                fy.add(fit.at(x));
            }
            add(chart, String.format(java.util.Locale.ROOT, "%.3f·x^%.3f + %.3f (R² %.3f)", fit.alpha(), fit.beta(), fit.gamma(),
                    fit.rSquared()), fx, fy, SeriesMarkers.NONE);
        }
        PlotFiles.chart(run, file, chart);
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        return chart;
    }

    private static void add(XYChart chart, String name, List<Double> xs, List<Double> ys,
                            org.knowm.xchart.style.markers.Marker marker) {
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setMarker(marker);
    }

    private static List<Double> numbers(JsonNode array) {
        List<Double> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asDouble()));
        return out;
    }
}
