package io.jemini.eval.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.contrastive.data.IdxFixtures;
import io.jemini.contrastive.data.ShapeScenes;
import io.jemini.contrastive.data.Split;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.io.Safetensors;
import io.jemini.engine.random.Rng;
import io.jemini.engine.training.MetricsLog;
import io.jemini.eval.tasks.MultimodalTask;
import io.jemini.multimodal.data.FolderDocuments;
import io.jemini.multimodal.training.MultimodalConfig;
import io.jemini.multimodal.training.MultimodalObjective;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small multimodal run (dense and MoE) trains, resumes exactly, evaluates and reports through the common commands. */
class MultimodalRunTest {
    @TempDir
    Path dir;

    private static final String CONFIG = """
            {"task": "multimodal", "name": "tiny-mm", "seed": 4,
             "model": {"dim": 16, "layers": 1, "heads": 2, "hidden": 32, "seq_len": 48},
             "moe": {"enabled": %s, "experts": 4, "top_k": 2, "hidden": 16},
             "train": {"steps": 6, "batch_size": 2, "warmup_steps": 1, "log_every": 1, "eval_every": 3,
                       "checkpoint_every": 2, "keep_last": 4},
             "eval": {"batches": 1, "questions": 4, "frames": 2, "lengths": 2, "depths": 2, "haystacks": 1}}
            """;

    private Path run(boolean moe) throws IOException {
        Path config = dir.resolve("mm-" + moe + ".json");
        Files.writeString(config, CONFIG.formatted(moe));
        Path out = dir.resolve("runs-" + moe);
        CliRunner r = CliRunner.run("run", config.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        return RunDirs.only(out);
    }

    @Test
    void trainsResumesEvaluatesAndReports() throws IOException {
        Path run = run(false);
        JsonNode results = ConfigReader.readTree(run.resolve("results.json"));
        for (String key : new String[] {"val_loss", "test_loss_held_out", "qa_colour_seen", "qa_left_held_out", "qa_seen",
            "chance_count", "positions_per_s"}) {
            assertTrue(results.path(key).isNumber(), key + " in " + results);
        }
        assertEquals(6L * 2 * 48, results.path("positions_seen").asLong());
        assertTrue(Files.readString(run.resolve("report.md")).contains("## Question answering"));

        List<String> expected = trajectory(run);
        RunDirs.deleteTree(run.resolve("checkpoints/step-00000006"));
        CliRunner resumed = CliRunner.run("resume", run.toString());
        assertEquals(0, resumed.exit(), resumed.err());
        assertEquals(expected, trajectory(run), "resumed from step 4, the losses repeat bit for bit");

        CliRunner qa = CliRunner.run("eval", run.toString(), "--suite", "qa");
        assertEquals(0, qa.exit(), qa.err());
        assertTrue(qa.out().startsWith("| question | seen | held-out | chance |"), qa.out());
        assertEquals(results.path("qa_seen"), ConfigReader.readTree(run.resolve("eval/qa.json")).path("qa_seen"));

        CliRunner needles = CliRunner.run("eval", run.toString(), "--suite", "needle-frames");
        assertEquals(0, needles.exit(), needles.err());
        JsonNode grid = ConfigReader.readTree(run.resolve("eval/needle-frames.json"));
        assertEquals(2, grid.path("cells").size());
        assertEquals(2, grid.path("cells").get(0).size());
        assertTrue(grid.path("recall").asDouble() >= 0 && grid.path("recall").asDouble() <= 1);
        assertEquals(0.001, grid.path("chance").asDouble(), 1e-12);
        assertTrue(Files.readString(run.resolve("report.md")).contains("## Needle frame in a haystack"));
        CliRunner text = CliRunner.run("eval", run.toString(), "--suite", "needle-text");
        assertEquals(0, text.exit(), text.err());
        assertEquals("captioned frames", ConfigReader.readTree(run.resolve("eval/needle-text.json")).path("across").asText());
        assertTrue(Files.readString(run.resolve("report.md")).contains("## Text needle among captioned frames"));

        Path scene = png(32);
        CliRunner generate = CliRunner.run("generate", run.toString(), "--image", scene.toString(), "--prompt",
                "<image> what colour is the circle ?", "--tokens", "3", "--temperature", "0");
        assertEquals(0, generate.exit(), generate.err());
        assertTrue(generate.out().startsWith("<image> what colour is the circle ?"), generate.out());
        CliRunner again = CliRunner.run("generate", run.toString(), "--image", scene.toString(), "--prompt",
                "<image> what colour is the circle ?", "--tokens", "3", "--temperature", "0");
        assertEquals(generate.out(), again.out(), "greedy decoding repeats");

        CliRunner unplaced = CliRunner.run("generate", run.toString(), "--image", scene.toString(), "--prompt", "what");
        assertEquals(2, unplaced.exit());
        assertTrue(unplaced.err().contains("1 --image given but the prompt has 0 <image> placeholders"), unplaced.err());
        CliRunner missing = CliRunner.run("generate", run.toString(), "--prompt", "<image> what");
        assertTrue(missing.err().contains("the prompt has more <image> placeholders than the 0 --image given"),
                missing.err());
        Path small = png(16);
        CliRunner wrongSize = CliRunner.run("generate", run.toString(), "--image", small.toString(), "--prompt", "<image>");
        assertNotEquals(0, wrongSize.exit());
        assertTrue(wrongSize.err().contains(small + " is 16×16; expected 32×32"), wrongSize.err());
        CliRunner unknown = CliRunner.run("generate", run.toString(), "--prompt", "what colour is the banana");
        assertTrue(unknown.err().contains("the prompt word 'banana' is not in this model's vocabulary"), unknown.err());
    }

    @Test
    void theMixtureOfExpertsDecoderReadsImagesToo() throws IOException {
        Path run = run(true);
        List<JsonNode> metrics = MetricsLog.read(run.resolve("metrics.jsonl"));
        assertTrue(metrics.stream().anyMatch(m -> m.path("layers").has("blocks.0.ffn")), "routing figures are logged");
        JsonNode byModality = metrics.stream().filter(m -> m.has("modality_load")).reduce((a, b) -> b).orElseThrow()
                .path("modality_load").path("blocks.0.ffn");
        for (String modality : new String[] {"text", "image"}) {
            double sum = 0;
            for (JsonNode share : byModality.path(modality)) {
                sum += share.asDouble();
            }
            assertEquals(1.0, sum, 1e-9, modality + " shares over the 4 experts: " + byModality);
        }
        assertTrue(Files.readString(run.resolve("report.md")).contains("## Expert load by modality"));
        assertTrue(ConfigReader.readTree(run.resolve("results.json")).path("qa_seen").isNumber());
    }

    @Test
    void aSequenceTooShortForAnImageIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path config = dir.resolve("short.json");
        Files.writeString(config, "{\"task\": \"multimodal\", \"model\": {\"seq_len\": 30}}");
        CliRunner r = CliRunner.run("run", config.toString(), "--out", dir.resolve("none").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("model.seq_len = 30 is not allowed; must hold one image (18 positions with its "
                + "markers) and its longest text (24 words): at least 42"), r.err());
        assertTrue(Files.notExists(dir.resolve("none")));
    }

    @Test
    void fashionScenesTrainAnswerAndHideANeedleInTheLargerFrames() throws IOException {
        IdxFixtures.fashionDir(dir.resolve("data"), 40);
        Path config = dir.resolve("fashion.json");
        Files.writeString(config, """
                {"task": "multimodal", "name": "fashion", "seed": 3,
                 "data": {"source": "fashion", "dir": "%s", "max_objects": 4, "needle_rate": 0.3, "needle_frames": 2},
                 "vision": {"patch": 14},
                 "model": {"dim": 16, "layers": 1, "heads": 2, "hidden": 32, "seq_len": 64},
                 "train": {"steps": 3, "batch_size": 2, "warmup_steps": 1, "log_every": 1, "eval_every": 3,
                           "checkpoint_every": 3},
                 "eval": {"batches": 1, "questions": 4, "frames": 3, "lengths": 2, "depths": 2, "haystacks": 1}}
                """.formatted(dir.resolve("data")));
        CliRunner r = CliRunner.run("run", config.toString(), "--out", dir.resolve("runs").toString());
        assertEquals(0, r.exit(), r.err());
        Path run = RunDirs.only(dir.resolve("runs"));
        JsonNode results = ConfigReader.readTree(run.resolve("results.json"));
        assertEquals(0.1, results.path("chance_category").asDouble(), 1e-12, "ten Fashion-MNIST categories");
        assertEquals(0.25, results.path("chance_colour").asDouble(), 1e-12, "four tints");
        assertTrue(results.path("qa_category_held_out").isNumber() && results.path("data").asText().contains("Fashion-MNIST"),
                results.toString());
        CliRunner needles = CliRunner.run("eval", run.toString(), "--suite", "needle-frames");
        assertEquals(0, needles.exit(), needles.err());
        assertEquals("frames (18 positions each)", ConfigReader.readTree(run.resolve("eval/needle-frames.json"))
                .path("across").asText(), "a 56-pixel frame in 14-pixel patches is 16 positions and two markers");
        CliRunner longText = CliRunner.run("eval", run.toString(), "--suite", "needle-text", "--set", "eval.frames=200",
                "--tag", "long");
        assertEquals(2, longText.exit());
        assertTrue(longText.err().contains("eval.frames = 200: the longest captioned-frame haystack takes up to 5814 positions, "
                + "more than model.context (4096)"), longText.err());
        assertTrue(Files.notExists(run.resolve("eval/needle-text-long.json")));

        Path tooLong = dir.resolve("too-long.json");
        Files.writeString(tooLong, Files.readString(config).replace("\"frames\": 3", "\"frames\": 3000"));
        CliRunner refused = CliRunner.run("run", tooLong.toString(), "--out", dir.resolve("none").toString());
        assertEquals(2, refused.exit());
        assertTrue(refused.err().contains("eval.frames = 3000 is not allowed; a haystack of that many frames takes 54009 "
                + "positions, more than model.context (4096)"), refused.err());
        Path badPatch = dir.resolve("bad-patch.json");
        Files.writeString(badPatch, Files.readString(config).replace("\"patch\": 14", "\"patch\": 5"));
        CliRunner patch = CliRunner.run("run", badPatch.toString(), "--out", dir.resolve("none").toString());
        assertEquals(2, patch.exit());
        assertTrue(patch.err().contains("vision.patch = 5 is not allowed; must divide the 56-pixel scenes: 1, 2, 4, 7, 8, 14, "
                + "28, 56"), patch.err());
        assertTrue(Files.notExists(dir.resolve("none")));
    }

    @Test
    void aFolderOfTheUsersDocumentsTrainsAndItsMistakesAreNamed() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("mine"));
        Files.copy(png(32), folder.resolve("a.png"));
        Files.copy(png(32), folder.resolve("b.png"));
        StringBuilder docs = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            docs.append("{\"text\": \"first <image:a.png> then <image:b.png> and the first one shows a scene number ")
                    .append(i % 3).append("\"}\n");
        }
        Files.writeString(folder.resolve("documents.jsonl"), docs);
        Path config = dir.resolve("folder.json");
        Files.writeString(config, """
                {"task": "multimodal", "name": "mine", "data": {"source": "folder", "folder": "%s"},
                 "model": {"dim": 16, "layers": 1, "heads": 2, "hidden": 32, "seq_len": 64},
                 "train": {"steps": 3, "batch_size": 2, "warmup_steps": 1, "log_every": 1, "eval_every": 3,
                           "checkpoint_every": 3},
                 "eval": {"batches": 1}}
                """.formatted(folder));
        CliRunner r = CliRunner.run("run", config.toString(), "--out", dir.resolve("runs").toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode results = ConfigReader.readTree(RunDirs.only(dir.resolve("runs")).resolve("results.json"));
        assertTrue(results.path("val_loss").isNumber() && !results.has("qa_seen"), results.toString());
        assertTrue(results.path("data").asText().contains("11 for training, 1 held out"), results.toString());

        Files.writeString(folder.resolve("documents.jsonl"), docs + "{\"text\": \"see <image:c.png>\"}\n");
        CliRunner missing = CliRunner.run("run", config.toString(), "--out", dir.resolve("runs2").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains(folder.resolve("documents.jsonl") + ":13: image " + folder.resolve("c.png")
                + " does not exist"), missing.err());
        Files.copy(png(16), folder.resolve("c.png"));
        CliRunner small = CliRunner.run("run", config.toString(), "--out", dir.resolve("runs3").toString());
        assertTrue(small.err().contains(":13: " + folder.resolve("c.png") + " is 16×16; expected 32×32 like the first image"),
                small.err());
        Files.writeString(folder.resolve("documents.jsonl"), docs + "{\"words\": 1}\n");
        CliRunner bad = CliRunner.run("run", config.toString(), "--out", dir.resolve("runs4").toString());
        assertTrue(bad.err().contains(":13: has no non-empty string field \"text\""), bad.err());
    }

    @Test
    void theVisionTowerStartsFromAnImageTextRun() throws IOException {
        Path sparcConfig = dir.resolve("sparc.json");
        Files.writeString(sparcConfig, """
                {"task": "sparc", "name": "tower", "model": {"width": 16, "layers": 1, "heads": 2, "hidden": 32, "shared": 8,
                 "patch": 8}, "train": {"steps": 2, "batch_size": 4, "warmup_steps": 1, "checkpoint_every": 2},
                 "eval": {"pairs": 4}}
                """);
        assertEquals(0, CliRunner.run("run", sparcConfig.toString(), "--out", dir.resolve("sparc").toString()).exit());
        Path sparc = RunDirs.only(dir.resolve("sparc"));
        String vision = "\"vision\": {\"encoder\": \"vit\", \"width\": 16, \"layers\": 1, \"heads\": %d, \"hidden\": 32, "
                + "\"init_from\": \"" + sparc + "\"}";
        MultimodalConfig cfg = ConfigReader.load("test", "{\"task\": \"multimodal\", " + vision.formatted(2) + "}",
                MultimodalConfig.class, MultimodalConfig.defaults(), List.of(), List.of()).get(0).config();
        MultimodalObjective model = new MultimodalTask().build(cfg, null);
        Safetensors trained = Safetensors.read(sparc.resolve("checkpoints/step-00000002/model.safetensors"));
        for (String name : new String[] {"patch_embed.weight", "position", "blocks.0.attn.q_proj.weight", "norm.bias"}) {
            assertArrayEquals(trained.floats("vision." + name), model.parameters().get("vision.tower." + name).data(), name);
        }
        MultimodalConfig otherHeads = ConfigReader.load("test", "{\"task\": \"multimodal\", " + vision.formatted(4)
                + "}", MultimodalConfig.class, MultimodalConfig.defaults(), List.of(), List.of()).get(0).config();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MultimodalTask().build(otherHeads, null));
        assertTrue(e.getMessage().endsWith("its model.heads is 2 but vision.heads is 4; they must match"), e.getMessage());
    }

    /**
     * A folder's memory estimate counts its own vocabulary (read from the texts alone, the size
     * reading the folder gives), so a large one is not sized as the scenes' few dozen words.
     */
    @Test
    void aFolderIsSizedByItsOwnVocabulary() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("wordy"));
        Files.copy(png(32), folder.resolve("a.png"));
        StringBuilder docs = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            docs.append("{\"text\": \"<image:a.png> shows");
            for (int w = 0; w < 100; w++) {
                docs.append(" word").append(i * 100 + w);
            }
            docs.append("\"}\n");
        }
        Files.writeString(folder.resolve("documents.jsonl"), docs);
        assertEquals(FolderDocuments.read(folder, 1).vocabulary().size(), FolderDocuments.vocabularySize(folder));
        assertEquals(4 + 4001, FolderDocuments.vocabularySize(folder));
        assertEquals(4, FolderDocuments.vocabularySize(dir.resolve("absent")));
        String model = ", \"model\": {\"dim\": 256, \"seq_len\": 256}";
        MultimodalConfig wordy = ConfigReader.load("test", "{\"task\": \"multimodal\", \"data\": {\"source\": \"folder\", "
                + "\"folder\": \"" + folder + "\"}" + model + "}", MultimodalConfig.class, MultimodalConfig.defaults(), List.of(),
                List.of()).get(0).config();
        MultimodalConfig scenes = ConfigReader.load("test", "{\"task\": \"multimodal\"" + model + "}", MultimodalConfig.class,
                MultimodalConfig.defaults(), List.of(), List.of()).get(0).config();
        double extra = new MultimodalTask().memory(wordy).bytes() - new MultimodalTask().memory(scenes).bytes();
        double logits = 4.0 * wordy.train().batchSize() * 256 * (4005 - 64);
        assertTrue(extra > logits, "a 4005-word vocabulary adds at least its logits: " + extra + " bytes");
    }

    /** A {@code size}-pixel RGB PNG: a shape scene, cut when smaller. */
    private Path png(int size) throws IOException {
        float[] pixels = new ShapeScenes(2, 0, ShapeScenes.defaultHeldOut()).sample(new Rng(1), Split.TRAIN).image();
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int p = (y * 32 + x) * 3;
                img.setRGB(x, y, Math.round(pixels[p] * 255) << 16 | Math.round(pixels[p + 1] * 255) << 8
                        | Math.round(pixels[p + 2] * 255));
            }
        }
        Path file = Files.createTempFile(dir, "scene-" + size + "-", ".png");
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    private static List<String> trajectory(Path run) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : MetricsLog.read(run.resolve("metrics.jsonl"))) {
            out.add(r.path("step") + " " + r.path("loss") + " " + r.path("grad_norm") + " " + r.path("val_loss"));
        }
        return out;
    }
}
