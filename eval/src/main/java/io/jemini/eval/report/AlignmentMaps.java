package io.jemini.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.contrastive.data.LabelledPair;
import io.jemini.contrastive.data.Split;
import io.jemini.contrastive.losses.SparseSimilarity;
import io.jemini.contrastive.model.DualEncoder;
import io.jemini.contrastive.training.SceneBatch;
import io.jemini.contrastive.training.SparcObjective;
import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import io.jemini.engine.training.RunDirectory;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.util.List;

/**
 * Token→patch heat maps for a few test scenes: each row shows the image, then, for every content
 * word of its caption (every word when the source marks none), SPARC's alignment weights over
 * the patch grid (computed post hoc for CLIP models too), brighter where the word's weight is
 * larger.
 */
public final class AlignmentMaps {
    private static final int CELL = 128;

    private AlignmentMaps() {
    }

    /** The maps drawn at the end of training, when there are any. */
    public static String section(RunDirectory run, List<JsonNode> metrics, JsonNode results) {
        if (!Files.exists(run.plots().resolve("alignment.png"))) {
            return "";
        }
        return "## Token→patch alignment\n\nSPARC alignment weights of each colour and shape word over the patch grid "
                + "(σ = 1/P, brighter is larger), on test scenes.\n\n![alignment](plots/alignment.png)\n\n";
    }

    public static void write(RunDirectory run, SparcObjective setup, int scenes) {
        DualEncoder model = setup.model();
        int maxCaption = setup.config().data().maxCaption();
        Rng rng = new Rng(setup.evalSeed() ^ 0x5EED);
        SceneBatch batch = SceneBatch.sample(setup.data().test(), setup.tokenizer(), rng, scenes, maxCaption, Split.TRAIN);
        float[] weights;
        int p;
        try (var noGrad = GradMode.disabled()) {
            Tensor patches = model.encodeImage(batch.images()).patches();
            Tensor tokens = model.encodeText(batch.ids(), batch.mask()).tokens();
            p = patches.dim(1);
            weights = SparseSimilarity.apply(tokens, patches, 1f / p).weights();
        }
        int grid = (int) Math.round(Math.sqrt(p));
        int columns = 1 + 6;
        BufferedImage out = new BufferedImage(columns * CELL, scenes * (CELL + 20), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i < scenes; i++) {
            LabelledPair s = batch.pairs().get(i);
            int[] tokenObject = s.tokenObject(maxCaption);
            boolean anyContent = java.util.Arrays.stream(tokenObject).anyMatch(o -> o >= 0);
            int y0 = i * (CELL + 20);
            drawImage(out, s.image(), s.size(), 0, y0);
            g.setColor(Color.BLACK);
            g.drawString(s.caption().length() > 20 ? s.caption().substring(0, 19) + "…" : s.caption(), 2, y0 + CELL + 14);
            String[] words = s.caption().split(" ");
            int col = 1;
            for (int w = 0; w < Math.min(words.length, maxCaption) && col < columns; w++) {
                if (anyContent && tokenObject[w] < 0) {
                    continue;
                }
                int row = i * maxCaption + w;
                float max = 1e-9f;
                for (int q = 0; q < p; q++) {
                    max = Math.max(max, weights[row * p + q]);
                }
                for (int q = 0; q < p; q++) {
                    int v = Math.round(255 * weights[row * p + q] / max);
                    g.setColor(new Color(v, v / 3, 255 - v));
                    int cell = CELL / grid;
                    g.fillRect(col * CELL + (q % grid) * cell, y0 + (q / grid) * cell, cell, cell);
                }
                g.setColor(Color.BLACK);
                g.drawString(words[w], col * CELL + 4, y0 + CELL + 14);
                col++;
            }
        }
        g.dispose();
        PlotFiles.image(run, "alignment.png", out);
    }

    private static void drawImage(BufferedImage out, float[] image, int size, int x0, int y0) {
        for (int y = 0; y < CELL; y++) {
            for (int x = 0; x < CELL; x++) {
                int pix = (y * size / CELL) * size + x * size / CELL;
                int r = Math.round(255 * image[pix * 3]);
                int gr = Math.round(255 * image[pix * 3 + 1]);
                int b = Math.round(255 * image[pix * 3 + 2]);
                out.setRGB(x0 + x, y0 + y, (r << 16) | (gr << 8) | b);
            }
        }
    }
}
