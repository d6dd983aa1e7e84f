package io.jemini.eval.incontext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.config.UsageException;
import io.jemini.engine.task.EvalSuite;
import io.jemini.engine.training.RunDirectory;
import io.jemini.eval.report.PlotFiles;
import io.jemini.eval.report.StoredEvaluations;
import io.jemini.lm.incontext.TranslationSuite;
import io.jemini.lm.training.LmObjective;
import io.jemini.lm.training.LmRunConfig;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code --suite translation}: in-context translation of held-out invented languages by a model
 * meta-trained on others ({@code data.source languages}), its table, its plot of chrF against the
 * book tokens in context (the shape of the Kalamang result) and its report section.
 */
public final class TranslationEvaluation implements EvalSuite<LmObjective> {
    @Override
    public String key() {
        return "translation";
    }

    @Override
    public ObjectNode evaluate(LmObjective model, List<String> overrides) {
        LmRunConfig cfg = model.config();
        if (cfg.data().source() != LmRunConfig.Source.LANGUAGES) {
            throw new UsageException("suite translation needs a model meta-trained on invented languages (data.source "
                    + "languages); this run was trained on " + cfg.data().source().key());
        }
        LmRunConfig.LanguageSection l = cfg.languages();
        ObjectNode out = TranslationSuite.evaluate(model.model(), model.data().tokenizer(), l.generator(), l.evalLanguages(),
                l.sentences(), l.shots(), l.ablationExamples(), cfg.model().context(), cfg.model().seqLen(),
                cfg.seed() ^ 0x7472616EL);
        out.put("trained_length", cfg.model().seqLen());
        return out;
    }

    @Override
    public String summary(JsonNode figures) {
        return TranslationSuite.table(figures);
    }

    /** chrF against book tokens (log scale): the word list + grammar + k examples curve, and each other condition as a point. */
    @Override
    public void draw(RunDirectory run, JsonNode figures, String stem) {
        XYChart chart = new XYChartBuilder().width(900).height(500).title("In-context translation of held-out languages")
                .xAxisTitle("book tokens in context (log scale; no book at 1)").yAxisTitle("chrF").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisLogarithmic(true);
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (JsonNode c : figures.path("conditions")) {
            double x = Math.max(1, c.path("book_tokens").asDouble());
            if (c.path("words").asBoolean() && c.path("grammar").asBoolean()) {
                xs.add(x);
                ys.add(c.path("chrf").asDouble());
            } else {
                XYSeries point = chart.addSeries(c.path("name").asText(), List.of(x), List.of(c.path("chrf").asDouble()));
                point.setMarker(SeriesMarkers.DIAMOND);
            }
        }
        if (!xs.isEmpty()) {
            chart.addSeries("word list + grammar + k examples", xs, ys).setMarker(SeriesMarkers.CIRCLE);
        }
        PlotFiles.chart(run, stem + ".png", chart);
    }

    /** The stored translation evaluations, untagged first. */
    public static String section(RunDirectory run, List<JsonNode> metrics, JsonNode results) {
        StringBuilder md = new StringBuilder();
        for (Path file : StoredEvaluations.of(run, "translation")) {
            JsonNode r = ConfigReader.readTree(file);
            String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
            md.append("## In-context translation").append(r.has("tag") ? " (" + r.get("tag").asText() + ")" : "")
                    .append("\n\n").append(TranslationSuite.table(r)).append('\n');
            if (java.nio.file.Files.exists(run.plots().resolve(stem + ".png"))) {
                md.append("![").append(stem).append("](plots/").append(stem).append(".png)\n\n");
            }
        }
        return md.toString();
    }
}
