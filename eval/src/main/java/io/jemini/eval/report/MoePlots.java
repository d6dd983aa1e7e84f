package io.jemini.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.training.RunDirectory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Plots of MoE routing from the per-layer metrics in {@code metrics.jsonl}: for each layer a
 * heat map of expert load (share of assignments) over steps, and one chart of load imbalance,
 * drop rate and the auxiliary and z losses against step for every layer.
 */
public final class MoePlots {
    private MoePlots() {
    }

    /** The routing figures of the last record per layer and their plots over training; empty for a dense run. */
    public static String section(RunDirectory run, List<JsonNode> metrics, JsonNode results) {
        if (byLayer(metrics).isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("## Experts\n\n").append(summary(metrics)).append('\n');
        if (Figures.available()) {
            for (String plot : write(run, metrics)) {
                md.append("![").append(plot).append("](plots/").append(plot).append(")\n\n");
            }
        }
        return md.toString();
    }

    /** Writes the plots and returns their file names (empty for a dense run). */
    private static List<String> write(RunDirectory run, List<JsonNode> metrics) {
        Map<String, List<JsonNode>> byLayer = byLayer(metrics);
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, List<JsonNode>> layer : byLayer.entrySet()) {
            String file = "load-" + layer.getKey().replaceAll("[^A-Za-z0-9]+", "-") + ".png";
            heatMap(run, file, layer.getKey(), layer.getValue());
            files.add(file);
        }
        if (!byLayer.isEmpty()) {
            for (String metric : new String[] {"imbalance", "drop_rate", "aux_loss", "z_loss", "router_entropy"}) {
                XYChart chart = new XYChartBuilder().width(900).height(400).title(metric.replace('_', ' '))
                        .xAxisTitle("step").yAxisTitle(metric).build();
                chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
                for (Map.Entry<String, List<JsonNode>> layer : byLayer.entrySet()) {
                    List<Double> xs = new ArrayList<>();
                    List<Double> ys = new ArrayList<>();
                    for (JsonNode r : layer.getValue()) {
                        xs.add(r.path("step").asDouble());
                        ys.add(r.path(metric).asDouble());
                    }
                    chart.addSeries(layer.getKey(), xs, ys).setMarker(SeriesMarkers.NONE);
                }
                String file = "moe-" + metric.replace('_', '-') + ".png";
                PlotFiles.chart(run, file, chart);
                files.add(file);
            }
        }
        return files;
    }

    /** A table of the last record's routing figures per layer. */
    private static String summary(List<JsonNode> metrics) {
        StringBuilder md = new StringBuilder("| layer | load imbalance (max/mean) | drop rate | router entropy | aux loss | z loss |\n"
                + "|---|---|---|---|---|---|\n");
        byLayer(metrics).forEach((layer, records) -> {
            JsonNode last = records.get(records.size() - 1);
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.4f | %.3f | %.4f | %.4f |%n", layer,
                    last.path("imbalance").asDouble(), last.path("drop_rate").asDouble(), last.path("router_entropy").asDouble(),
                    last.path("aux_loss").asDouble(), last.path("z_loss").asDouble()));
        });
        return md.toString();
    }

    /** Per layer, its metrics records (each with the record's step added). */
    private static Map<String, List<JsonNode>> byLayer(List<JsonNode> metrics) {
        Map<String, List<JsonNode>> out = new LinkedHashMap<>();
        for (JsonNode r : metrics) {
            JsonNode layers = r.path("layers");
            Iterator<Map.Entry<String, JsonNode>> it = layers.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                com.fasterxml.jackson.databind.node.ObjectNode copy = e.getValue().deepCopy();
                copy.put("step", r.path("step").asLong());
                out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(copy);
            }
        }
        return out;
    }

    private static void heatMap(RunDirectory run, String file, String layer, List<JsonNode> records) {
        int experts = records.get(0).path("load").size();
        List<Number> steps = new ArrayList<>();
        List<Number> expertIds = new ArrayList<>();
        for (int e = 0; e < experts; e++) {
            expertIds.add(e);
        }
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            JsonNode load = records.get(i).path("load");
            steps.add(records.get(i).path("step").asLong());
            double total = 0;
            for (JsonNode v : load) {
                total += v.asDouble();
            }
            for (int e = 0; e < experts; e++) {
                cells.add(new Number[] {i, e, total == 0 ? 0 : load.get(e).asDouble() / total});
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(900).height(Math.max(250, 40 * experts + 120))
                .title("expert load share, " + layer + " (uniform = " + String.format(Locale.ROOT, "%.3f", 1.0 / experts) + ")")
                .xAxisTitle("step").yAxisTitle("expert").build();
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setShowValue(false);
        chart.getStyler().setRangeColors(new java.awt.Color[] {new java.awt.Color(240, 240, 255), new java.awt.Color(30, 60, 160),
                new java.awt.Color(200, 30, 30)});
        chart.getStyler().setMin(0.0);
        chart.getStyler().setMax(Math.min(1.0, 3.0 / experts));
        chart.addSeries("load", steps, expertIds, cells);
        PlotFiles.chart(run, file, chart);
    }
}
