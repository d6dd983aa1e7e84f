package io.jemini.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.training.RunDirectory;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * Whether experts specialise by modality: for each MoE layer, the share of text and of image
 * positions' assignments that each expert received over the last metrics interval, as a table
 * and a heat map (rows: layer × modality, columns: experts; darker is a larger share).
 */
public final class ModalityLoadReport {
    private static final int CELL = 36;

    private ModalityLoadReport() {
    }

    public static String section(RunDirectory run, List<JsonNode> metrics, JsonNode results) {
        JsonNode last = null;
        for (JsonNode r : metrics) {
            if (r.has("modality_load")) {
                last = r;
            }
        }
        if (last == null) {
            return "";
        }
        JsonNode load = last.get("modality_load");
        StringBuilder md = new StringBuilder("## Expert load by modality\n\nShare of each modality's expert assignments "
                + "per expert over the last metrics interval (step " + last.path("step").asLong() + "); uniform is "
                + String.format(Locale.ROOT, "%.3f", 1.0 / load.elements().next().get("text").size()) + ".\n\n");
        int experts = load.elements().next().get("text").size();
        md.append("| layer | modality |");
        for (int e = 0; e < experts; e++) {
            md.append(" expert ").append(e).append(" |");
        }
        md.append("\n|---|---|").append("---|".repeat(experts)).append('\n');
        load.fields().forEachRemaining(layer -> {
            for (String modality : new String[] {"text", "image"}) {
                md.append("| ").append(layer.getKey()).append(" | ").append(modality).append(" |");
                layer.getValue().get(modality).forEach(v -> md.append(String.format(Locale.ROOT, " %.3f |", v.asDouble())));
                md.append('\n');
            }
        });
        md.append('\n');
        if (Figures.available()) {
            heatMap(run, load, experts);
            md.append("![expert load by modality](plots/modality-load.png)\n\n");
        }
        return md.toString();
    }

    private static void heatMap(RunDirectory run, JsonNode load, int experts) {
        int rows = load.size() * 2;
        int left = 150;
        int top = 24;
        BufferedImage img = new BufferedImage(left + experts * CELL + 10, top + rows * CELL + 24, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int[] row = {0};
        load.fields().forEachRemaining(layer -> {
            for (String modality : new String[] {"text", "image"}) {
                JsonNode shares = layer.getValue().get(modality);
                for (int e = 0; e < experts; e++) {
                    int shade = (int) Math.round(255 * (1 - Math.min(1, shares.get(e).asDouble() * experts / 2)));
                    g.setColor(new Color(shade, shade, 255));
                    g.fillRect(left + e * CELL, top + row[0] * CELL, CELL - 2, CELL - 2);
                }
                g.setColor(Color.BLACK);
                g.drawString(layer.getKey() + " " + modality, 4, top + row[0] * CELL + CELL / 2);
                row[0]++;
            }
        });
        for (int e = 0; e < experts; e++) {
            g.drawString(Integer.toString(e), left + e * CELL + CELL / 2 - 3, top + rows * CELL + 14);
        }
        g.drawString("expert across; darker: larger share of the modality's assignments", 4, 14);
        g.dispose();
        PlotFiles.image(run, "modality-load.png", img);
    }
}
