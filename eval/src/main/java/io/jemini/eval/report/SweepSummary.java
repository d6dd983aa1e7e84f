package io.jemini.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.training.MetricsLog;
import io.jemini.engine.training.RunDirectory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * The {@code summary.md} of a sweep: one row per run with its assignments and results; when the
 * sweep has a {@code seed} axis, a table of mean ± sample standard deviation over seeds for each
 * other assignment, with a bar plot of those means; and the runs' validation curves when they
 * have any.
 */
public final class SweepSummary {
    private static final String SEED = "seed";

    private SweepSummary() {
    }

    /** The summary's markdown; plots go to {@code sweep}'s plots directory. */
    public static String write(RunDirectory sweep, List<Map<String, String>> assignments, List<RunDirectory> runs,
                               List<String> resultKeys) {
        List<JsonNode> results = runs.stream()
                .map(r -> Files.exists(r.results()) ? ConfigReader.readTree(r.results()) : null).toList();
        StringBuilder md = new StringBuilder("# Sweep summary\n\n");
        if (!assignments.isEmpty() && assignments.get(0).containsKey(SEED)) {
            md.append(seedTable(sweep, assignments, results, resultKeys));
        }
        md.append(runTable(assignments, runs, results, resultKeys));
        md.append(failures(runs));
        md.append(validationPlot(sweep, assignments, runs));
        return md.toString();
    }

    private static String runTable(List<Map<String, String>> assignments, List<RunDirectory> runs, List<JsonNode> results,
                                   List<String> resultKeys) {
        StringBuilder md = new StringBuilder("## Runs\n\n| run |");
        List<String> keys = assignments.isEmpty() ? List.of() : new ArrayList<>(assignments.get(0).keySet());
        keys.forEach(k -> md.append(' ').append(k).append(" |"));
        resultKeys.forEach(k -> md.append(' ').append(k.replace('_', ' ')).append(" |"));
        List<JsonNode> lastLayers = runs.stream().map(ReportWriter::lastLayers).toList();
        boolean moe = lastLayers.stream().anyMatch(l -> l != null);
        md.append(moe ? " MoE drop rate | MoE load imbalance |\n|---|" : "\n|---|");
        md.append("---|".repeat(keys.size() + resultKeys.size() + (moe ? 2 : 0))).append('\n');
        for (int i = 0; i < runs.size(); i++) {
            RunDirectory run = runs.get(i);
            md.append("| [").append(run.dir().getFileName()).append("](").append(run.dir().getFileName()).append("/report.md) |");
            for (String k : keys) {
                md.append(' ').append(assignments.get(i).get(k)).append(" |");
            }
            boolean failed = results.get(i) == null && Files.exists(run.failure());
            for (String k : resultKeys) {
                md.append(' ').append(failed ? "failed" : results.get(i) == null ? "-" : ReportWriter.fmt(results.get(i).path(k)))
                        .append(" |");
            }
            if (moe) {
                md.append(' ').append(ReportWriter.layerMean(lastLayers.get(i), "drop_rate")).append(" | ")
                        .append(ReportWriter.layerMean(lastLayers.get(i), "imbalance")).append(" |");
            }
            md.append('\n');
        }
        return md.append('\n').toString();
    }

    /** The failed points with their errors, or nothing when none failed. */
    private static String failures(List<RunDirectory> runs) {
        StringBuilder md = new StringBuilder();
        for (RunDirectory run : runs) {
            if (Files.exists(run.failure())) {
                try {
                    md.append("- ").append(run.dir().getFileName()).append(": ").append(Files.readString(run.failure()).strip())
                            .append('\n');
                } catch (java.io.IOException e) {
                    md.append("- ").append(run.dir().getFileName()).append(": (its failed.txt cannot be read)\n");
                }
            }
        }
        return md.isEmpty() ? "" : "## Failed points\n\n" + md + "\n";
    }

    /** Finished runs grouped by their assignments other than the seed, in order of first appearance. */
    private static Map<String, List<JsonNode>> bySetting(List<Map<String, String>> assignments, List<JsonNode> results) {
        Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
        for (int i = 0; i < assignments.size(); i++) {
            Map<String, String> rest = new LinkedHashMap<>(assignments.get(i));
            rest.remove(SEED);
            List<JsonNode> group = groups.computeIfAbsent(rest.isEmpty() ? "all" : label(rest), k -> new ArrayList<>());
            if (results.get(i) != null) {
                group.add(results.get(i));
            }
        }
        return groups;
    }

    private static String label(Map<String, String> assignment) {
        List<String> parts = new ArrayList<>();
        assignment.forEach((k, v) -> parts.add(k + ": " + v));
        return String.join("; ", parts);
    }

    private static String seedTable(RunDirectory sweep, List<Map<String, String>> assignments, List<JsonNode> results,
                                    List<String> resultKeys) {
        Map<String, List<JsonNode>> groups = bySetting(assignments, results);
        StringBuilder md = new StringBuilder("## Mean ± std over seeds\n\n| setting | seeds |");
        resultKeys.forEach(k -> md.append(' ').append(k.replace('_', ' ')).append(" |"));
        md.append("\n|---|---|").append("---|".repeat(resultKeys.size())).append('\n');
        CategoryChart chart = Figures.available() ? new CategoryChartBuilder().width(1100).height(550)
                .title("Mean over seeds (error bars: std)").xAxisTitle("metric").yAxisTitle("value").build() : null;
        if (chart != null) {
            chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        }
        List<String> plotted = resultKeys.stream().filter(k -> groups.values().stream().flatMap(List::stream)
                .anyMatch(r -> r.path(k).isNumber())).toList();
        groups.forEach((setting, runs) -> {
            md.append("| ").append(setting).append(" | ").append(runs.size()).append(" |");
            List<Double> means = new ArrayList<>();
            List<Double> stds = new ArrayList<>();
            for (String k : resultKeys) {
                double[] v = runs.stream().filter(r -> r.path(k).isNumber()).mapToDouble(r -> r.path(k).asDouble()).toArray();
                double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
                double std = std(v, mean);
                md.append(' ').append(v.length == 0 ? "-" : String.format(Locale.ROOT, "%.4f ± %.4f", mean, std)).append(" |");
                if (plotted.contains(k)) {
                    means.add(Double.isNaN(mean) ? 0 : mean);
                    stds.add(Double.isNaN(std) ? 0 : std);
                }
            }
            md.append('\n');
            if (chart != null && !plotted.isEmpty() && !runs.isEmpty()) {
                chart.addSeries(setting, plotted.stream().map(k -> k.replace('_', ' ')).toList(), means, stds);
            }
        });
        md.append('\n');
        if (chart != null && !chart.getSeriesMap().isEmpty()) {
            PlotFiles.chart(sweep, "seed-means.png", chart);
            md.append("![means over seeds](plots/seed-means.png)\n\n");
        }
        return md.toString();
    }

    /** Sample standard deviation; 0 for a single value. */
    private static double std(double[] v, double mean) {
        if (v.length < 2) {
            return v.length == 0 ? Double.NaN : 0;
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / (v.length - 1));
    }

    private static String validationPlot(RunDirectory sweep, List<Map<String, String>> assignments, List<RunDirectory> runs) {
        if (!Figures.available()) {
            return Figures.NOT_DRAWN;
        }
        XYChart chart = new XYChartBuilder().width(900).height(500).title("Validation loss").xAxisTitle("step")
                .yAxisTitle("loss (nats)").build();
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        for (int i = 0; i < runs.size(); i++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (JsonNode r : MetricsLog.read(runs.get(i).metrics())) {
                if (r.path("val_loss").isNumber()) {
                    xs.add(r.get("step").asDouble());
                    ys.add(r.get("val_loss").asDouble());
                }
            }
            if (!xs.isEmpty()) {
                chart.addSeries(assignments.get(i).toString(), xs, ys);
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            return "";
        }
        PlotFiles.chart(sweep, "val-loss.png", chart);
        return "![validation loss](plots/val-loss.png)\n\n";
    }
}
