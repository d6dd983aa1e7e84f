package io.jemini.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.io.AtomicFiles;
import io.jemini.engine.task.ReportSection;
import io.jemini.engine.task.Task;
import io.jemini.engine.task.Tasks;
import io.jemini.engine.training.MetricsLog;
import io.jemini.engine.training.RunDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
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
        Task<?, ?> task = Tasks.of(run.config());
        for (ReportSection section : task.reportSections()) {
            md.append(section.markdown(run, metrics, results));
        }
        md.append("## Config\n\n```json\n").append(ConfigReader.toJson(config)).append("```\n");
        AtomicFiles.write(run.report(), md.toString().getBytes(StandardCharsets.UTF_8));
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
                .yAxisTitle("loss (nats)").build();
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
