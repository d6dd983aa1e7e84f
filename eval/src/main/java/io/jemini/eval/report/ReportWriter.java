package io.jemini.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.io.AtomicFiles;
import io.jemini.engine.training.MetricsLog;
import io.jemini.engine.training.RunDirectory;
import io.jemini.eval.longcontext.LongContextSuites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Writes a run's {@code report.md} and {@code plots/*.png} from its config, metrics and results,
 * so a report can be regenerated at any time ({@code jemini report RUN_DIR}).
 */
public final class ReportWriter {
    private ReportWriter() {
    }

    public static void write(RunDirectory run) {
        JsonNode config = ConfigReader.readTree(run.config());
        List<JsonNode> metrics = MetricsLog.read(run.metrics());
        JsonNode results = Files.exists(run.results()) ? ConfigReader.readTree(run.results()) : null;
        StringBuilder md = new StringBuilder();
        md.append("# Run ").append(run.dir().getFileName()).append("\n\n");
        if (results == null) {
            md.append("_The run has not finished: no results.json yet._\n\n");
        } else {
            if (results.has("data")) {
                md.append(results.path("data").asText()).append(".\n\n");
            }
            md.append("| result | value |\n|---|---|\n");
            results.fields().forEachRemaining(e -> {
                if (e.getValue().isNumber() || e.getValue().isNull() || (e.getValue().isTextual() && !e.getKey().equals("data"))) {
                    row(md, e.getKey().replace('_', ' '), e.getValue().isFloatingPointNumber() ? fmt(e.getValue())
                            : e.getValue().isNull() ? "-" : e.getValue().asText());
                }
            });
            md.append('\n');
        }
        if (!Figures.available()) {
            md.append(Figures.NOT_DRAWN);
        } else if (plotLoss(run, metrics)) {
            md.append("## Learning curve\n\n![loss](plots/loss.png)\n\n");
        }
        if (Files.exists(run.plots().resolve("alignment.png"))) {
            md.append("## Token→patch alignment\n\nSPARC alignment weights of each colour and shape word over the patch grid "
                    + "(σ = 1/P, brighter is larger), on test scenes.\n\n![alignment](plots/alignment.png)\n\n");
        }
        md.append(longContext(run));
        List<String> moePlots = Figures.available() ? MoePlots.write(run, metrics) : List.of();
        if (!moePlots.isEmpty()) {
            md.append("## Experts\n\n").append(MoePlots.summary(metrics)).append('\n');
            for (String plot : moePlots) {
                md.append("![").append(plot).append("](plots/").append(plot).append(")\n\n");
            }
        }
        if (results != null && results.path("samples").size() > 0) {
            md.append("## Samples\n\n");
            for (JsonNode s : results.get("samples")) {
                md.append("```text\n").append(s.asText().replace("```", "` ` `")).append("\n```\n\n");
            }
        }
        md.append("## Config\n\n```json\n").append(ConfigReader.toJson(config)).append("```\n");
        AtomicFiles.write(run.report(), md.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Sections for the long-context suites that have been run on this model, untagged first, then by tag. */
    private static String longContext(RunDirectory run) {
        StringBuilder md = new StringBuilder();
        for (String[] s : new String[][] {{"niah", "Needle in a haystack"}, {"multi-needle", "Multiple needles"},
            {"nll-position", "Loss versus position"}}) {
            for (Path file : suiteResults(run.dir().resolve("eval"), s[0])) {
                JsonNode r = ConfigReader.readTree(file);
                String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
                md.append("## ").append(s[1]).append(r.has("tag") ? " (" + r.get("tag").asText() + ")" : "").append("\n\n");
                md.append("Trained length ").append(r.path("trained_length").asInt()).append(" tokens; RoPE scaling ")
                        .append(r.path("rope_scaling").asText()).append(". ");
                if (r.path("overrides").size() > 0) {
                    List<String> sets = new ArrayList<>();
                    r.get("overrides").forEach(o -> sets.add("`" + o.asText() + "`"));
                    md.append("Evaluated with ").append(String.join(", ", sets)).append(". ");
                }
                md.append(LongContextSuites.summary(r));
                md.append("\n\n");
                if (Files.exists(run.plots().resolve(stem + ".png"))) {
                    md.append("![").append(stem).append("](plots/").append(stem).append(".png)\n\n");
                }
            }
        }
        return md.toString();
    }

    /** {@code <suite>.json} if present, then {@code <suite>-<tag>.json} by name. */
    private static List<Path> suiteResults(Path evalDir, String suite) {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(evalDir)) {
            return found;
        }
        try (var files = Files.list(evalDir)) {
            files.filter(f -> {
                String name = f.getFileName().toString();
                return name.equals(suite + ".json") || (name.startsWith(suite + "-") && name.endsWith(".json"));
            }).sorted(Comparator.comparing(f -> f.getFileName().toString().equals(suite + ".json") ? ""
                    : f.getFileName().toString())).forEach(found::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + evalDir + ": " + e.getMessage(), e);
        }
        return found;
    }

    private static void row(StringBuilder md, String k, String v) {
        md.append("| ").append(k).append(" | ").append(v).append(" |\n");
    }

    static String fmt(JsonNode v) {
        return v.isNumber() ? String.format(Locale.ROOT, "%.4f", v.asDouble()) : "-";
    }

    /** The per-layer routing figures of a run's last record that has any, or null for a dense run. */
    static JsonNode lastLayers(RunDirectory run) {
        List<JsonNode> records = MetricsLog.read(run.metrics());
        for (int i = records.size() - 1; i >= 0; i--) {
            JsonNode layers = records.get(i).path("layers");
            if (layers.size() > 0) {
                return layers;
            }
        }
        return null;
    }

    /** The mean over MoE layers of one routing metric, or "-". */
    static String layerMean(JsonNode layers, String metric) {
        if (layers == null) {
            return "-";
        }
        double sum = 0;
        for (JsonNode l : layers) {
            sum += l.path(metric).asDouble();
        }
        return String.format(Locale.ROOT, "%.4f", sum / layers.size());
    }

    /** Train and validation loss against step; false when there is nothing to plot. */
    private static boolean plotLoss(RunDirectory run, List<JsonNode> metrics) {
        List<Double> ts = new ArrayList<>();
        List<Double> tl = new ArrayList<>();
        List<Double> vs = new ArrayList<>();
        List<Double> vl = new ArrayList<>();
        for (JsonNode r : metrics) {
            if (r.path("loss").isNumber()) {
                ts.add(r.get("step").asDouble());
                tl.add(r.get("loss").asDouble());
            }
            if (r.path("val_loss").isNumber()) {
                vs.add(r.get("step").asDouble());
                vl.add(r.get("val_loss").asDouble());
            }
        }
        if (ts.isEmpty()) {
            return false;
        }
        XYChart chart = new XYChartBuilder().width(900).height(500).title("Loss").xAxisTitle("step")
                .yAxisTitle("loss (nats/token)").build();
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        XYSeries train = chart.addSeries("train", ts, tl);
        train.setMarker(SeriesMarkers.NONE);
        if (!vs.isEmpty()) {
            XYSeries val = chart.addSeries("validation", vs, vl);
            val.setMarker(SeriesMarkers.CIRCLE);
        }
        PlotFiles.chart(run, "loss.png", chart);
        return true;
    }
}
