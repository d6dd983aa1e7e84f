package io.jemini.eval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.contrastive.data.IdxFixtures;
import io.jemini.engine.config.ConfigReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPARC runs on each data source, and a sweep of named objective variants over seeds. */
class SparcSourcesTest {
    @TempDir
    Path dir;

    private static final String TINY = """
            "model": {"width": 16, "layers": 1, "heads": 2, "hidden": 32, "shared": 8, "patch": %d},
            "train": {"steps": 3, "batch_size": 4, "warmup_steps": 1, "log_every": 1, "checkpoint_every": 3},
            "eval": {"pairs": 8}""";

    private JsonNode run(String name, String data, int patch, String extra) throws IOException {
        Path config = dir.resolve(name + ".json");
        Files.writeString(config, "{\"task\": \"sparc\", \"name\": \"" + name + "\", \"data\": " + data + ", "
                + TINY.formatted(patch) + extra + "}");
        CliRunner r = CliRunner.run("run", config.toString(), "--out", dir.resolve(name).toString());
        assertEquals(0, r.exit(), r.err());
        return ConfigReader.readTree(RunDirs.only(dir.resolve(name)).resolve("results.json"));
    }

    @Test
    void fashionScenesTrainAndEvaluateOnBothSplits() throws IOException {
        IdxFixtures.fashionDir(dir.resolve("data"), 40);
        JsonNode r = run("fashion", "{\"source\": \"fashion\", \"dir\": \"" + dir.resolve("data") + "\", \"max_objects\": 2}", 7, "");
        assertTrue(r.path("data").asText().startsWith("Fashion-MNIST scenes: 56×56"), r.toString());
        for (String key : new String[] {"zero_shot_seen", "zero_shot_held_out", "binding_seen", "i2t_r1_held_out",
                "pointing_seen", "segmentation_miou_seen", "segmentation_miou_background_held_out",
                "segmentation_miou_adapter_seen"}) {
            assertTrue(r.path(key).isNumber(), key + " in " + r);
        }
        assertFalse(r.has("zero_shot_colour_seen"), "Fashion classes have no coarser attributes");
    }

    @Test
    void aFolderOfPairsTrainsAndIsScoredOnRetrievalOnly() throws IOException {
        Path folder = dir.resolve("pairs");
        Files.createDirectories(folder);
        StringBuilder captions = new StringBuilder();
        String[] colours = {"Red", "green", "blue", "white"};
        int[] rgb = {0xFF0000, 0x00FF00, 0x0000FF, 0xFFFFFF};
        for (int i = 0; i < 20; i++) {
            BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 8; y++) {
                img.setRGB(i % 8, y, rgb[i % 4]);
            }
            ImageIO.write(img, "png", folder.resolve(i + ".png").toFile());
            captions.append("{\"image\": \"").append(i).append(".png\", \"caption\": \"A ").append(colours[i % 4])
                    .append(" line, column ").append(i % 8).append(".\"}\n");
        }
        Files.writeString(folder.resolve("captions.jsonl"), captions);
        JsonNode r = run("folder", "{\"source\": \"folder\", \"folder\": \"" + folder + "\"}", 4, "");
        assertTrue(r.path("data").asText().contains("18 for training, 2 held out"), r.toString());
        assertTrue(r.path("i2t_r1_seen").isNumber() && r.path("t2i_r5_seen").isNumber(), r.toString());
        assertFalse(r.has("zero_shot_seen") || r.has("pointing_seen") || r.has("i2t_r1_held_out"), r.toString());
    }

    @Test
    void aSweepOfObjectiveVariantsReportsMeanAndStdOverSeeds() throws IOException {
        Path config = dir.resolve("variants.json");
        Files.writeString(config, "{\"task\": \"sparc\", \"name\": \"variants\", \"data\": {\"max_objects\": 2}, "
                + TINY.formatted(8) + ", \"sweep\": {\"loss\": [{\"lambda_f\": 0}, {\"weights\": \"dense\"}], \"seed\": [1, 2]}}");
        CliRunner r = CliRunner.run("run", config.toString(), "--out", dir.resolve("v").toString());
        assertEquals(0, r.exit(), r.err());
        Path sweep = RunDirs.only(dir.resolve("v"));
        String summary = Files.readString(sweep.resolve("summary.md"));
        assertTrue(summary.contains("## Mean ± std over seeds"), summary);
        assertTrue(summary.contains("| loss: lambda_f=0 | 2 |") && summary.contains("| loss: weights=dense | 2 |"), summary);
        assertTrue(summary.matches("(?s).*\\| loss: lambda_f=0 \\| 2 \\| \\d\\.\\d{4} ± \\d\\.\\d{4} \\|.*"), summary);
        assertTrue(Files.exists(sweep.resolve("plots/seed-means.png")));
        JsonNode dense = ConfigReader.readTree(RunDirs.only(sweep, "weights=dense_seed=2").resolve("config.json"));
        assertEquals("dense", dense.path("loss").path("weights").asText());
        assertEquals(1.0, dense.path("loss").path("lambda_f").asDouble(), "a variant changes only the keys it names");
    }
}
