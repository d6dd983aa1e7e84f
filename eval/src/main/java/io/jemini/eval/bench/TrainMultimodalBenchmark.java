package io.jemini.eval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.nn.FeedForward;
import io.jemini.engine.nn.ForwardContext;
import io.jemini.engine.nn.Norm;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.ops.Losses;
import io.jemini.engine.optim.AdamW;
import io.jemini.engine.optim.GradientClipping;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import io.jemini.kernels.backend.JvmBackend;
import io.jemini.multimodal.data.Document;
import io.jemini.multimodal.data.PackedBatch;
import io.jemini.multimodal.data.Segment;
import io.jemini.multimodal.data.Vocabulary;
import io.jemini.multimodal.model.MultimodalModel;
import io.jemini.multimodal.training.MultimodalConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Training throughput (positions/s, words and patches) of a multimodal config's model beside the
 * same model in PyTorch on the CPU ({@code scripts/baselines/train_multimodal_torch.py}), both on
 * random data packed the same way: an image of the config's patches between its markers, then
 * {@value #WORDS} words, repeated; best of three timed windows after warm-up, same thread count.
 */
public final class TrainMultimodalBenchmark {
    static final int WORDS = 12;

    private TrainMultimodalBenchmark() {
    }

    public static void run(MultimodalConfig cfg, int steps, String python, Path script, PrintStream out) {
        int batch = cfg.train().batchSize();
        int seq = cfg.model().seqLen();
        int patch = cfg.vision().patch();
        int patches = (32 / patch) * (32 / patch);
        int vocab = 64;
        int threads = JvmBackend.current().threads();
        MultimodalModel model = new MultimodalModel(cfg.model().lmConfig(vocab), patch * patch * 3, null, new Rng(0));
        AdamW opt = new AdamW(model.parameters(), 0.9f, 0.95f, 1e-8f, 0.1f, n -> true);
        Rng rng = new Rng(1);
        Runnable step = () -> {
            PackedBatch b = PackedBatch.pack(documents(rng, vocab), batch, seq, 32, patch);
            int[] targets = b.targets().clone();
            for (int i = 0; i < targets.length; i++) {
                if (targets[i] != Losses.IGNORE_INDEX) {
                    targets[i] = rng.nextInt(vocab);
                }
            }
            opt.zeroGrad();
            Tensor logits = model.logits(b, ForwardContext.INFERENCE);
            Losses.crossEntropy(logits, Indices.of(targets, batch, seq), Losses.IGNORE_INDEX, 0f).backward();
            GradientClipping.clipGlobalNorm(model.parameters(), 1.0);
            opt.step(1e-3f);
        };
        out.printf(Locale.ROOT, "train-multimodal: %,d parameters (dim %d, %d layers, seq %d, batch %d, %d patches per image), "
                + "%d threads%n", model.parameterCount(), cfg.model().dim(), cfg.model().layers(), seq, batch, patches, threads);
        double secondsPerStep = Timing.perStep(steps, step);
        double jemini = batch * seq / secondsPerStep;
        out.printf(Locale.ROOT, "jemini   %9.0f positions/s%n", jemini);
        if (cfg.moe().enabled() || cfg.model().norm() != Norm.Kind.RMS || cfg.model().ffn() != FeedForward.Kind.SWIGLU
                || !cfg.model().tiedEmbeddings() || cfg.model().kvHeads() != 0) {
            out.println("pytorch baseline skipped: it implements the dense decoder with rms norm, swiglu, tied embeddings "
                    + "and one key/value head per head only");
            return;
        }
        List<String> cmd = List.of(python, script.toString(), "--vocab", "" + vocab, "--dim", "" + cfg.model().dim(),
                "--layers", "" + cfg.model().layers(), "--heads", "" + cfg.model().heads(), "--hidden",
                "" + cfg.model().hidden(), "--seq", "" + seq, "--batch", "" + batch, "--patches", "" + patches,
                "--patch_dim", "" + patch * patch * 3, "--words", "" + WORDS, "--steps", "" + steps, "--threads",
                "" + threads);
        JsonNode r = PythonBaseline.run(cmd, out);
        if (r != null) {
            double torch = r.path("positions_per_s").asDouble();
            out.println("pytorch " + r.path("torch").asText() + ", " + r.path("parameters").asLong() + " parameters");
            out.printf(Locale.ROOT, "pytorch  %9.0f positions/s%nratio jemini/pytorch: %.2fx%n", torch, jemini / torch);
        }
    }

    /** Endless documents of one random image and {@value #WORDS} random words (the last {@code <eot>}). */
    private static Iterator<Document> documents(Rng rng, int vocab) {
        return Stream.generate(() -> {
            float[] image = new float[32 * 32 * 3];
            for (int i = 0; i < image.length; i++) {
                image[i] = rng.nextFloat();
            }
            int[] words = new int[WORDS];
            for (int i = 0; i < WORDS - 1; i++) {
                words[i] = 4 + rng.nextInt(vocab - 4);
            }
            words[WORDS - 1] = Vocabulary.END;
            return new Document(List.of(Segment.image(image), Segment.text(words)), null);
        }).iterator();
    }
}
