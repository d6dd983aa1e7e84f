package io.jemini.eval.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.config.UsageException;
import io.jemini.engine.io.Safetensors;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.task.Task;
import io.jemini.engine.task.Tasks;
import io.jemini.engine.training.RunDirectory;
import io.jemini.eval.runs.Runs;
import io.jemini.eval.tasks.LanguageModelTask;
import io.jemini.lm.llama.HfTokenizerFile;
import io.jemini.lm.llama.LlamaCheckpoint;
import io.jemini.lm.llama.LlamaConfig;
import io.jemini.lm.text.ByteBpeTokenizer;
import io.jemini.lm.training.LmObjective;
import io.jemini.lm.training.LmRunConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Writes a trained dense language model in Hugging Face's Llama layout. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write the newest checkpoint of RUN_DIR (or a given checkpoint) as a Hugging Face Llama model in "
                + "OUT: config.json, model.safetensors (float32, Llama's tensor names), tokenizer.json (text runs), "
                + "jemini-config.json (the run's config, which 'jemini import' restores) and reference-batch.json (held-out "
                + "ids and Jemini's loss on them, for checking a converter).",
            "Dense models with RMSNorm, SwiGLU, full causal attention and RoPE unscaled or position-interpolated only; "
                    + "OUT must not exist or be empty."})
final class ExportCommand implements Callable<Integer> {
    /** The file holding a held-out batch and Jemini's loss on it. */
    static final String REFERENCE = "reference-batch.json";

    @Parameters(index = "0", paramLabel = "RUN_DIR|CHECKPOINT", description = "a run directory, checkpoint, or a file in one")
    Path path;

    @Parameters(index = "1", paramLabel = "OUT", description = "the directory to write")
    Path out;

    @Option(names = "--format", required = true, paramLabel = "llama", description = "the layout to write: llama")
    String format;

    @Override
    public Integer call() {
        if (!format.equals("llama")) {
            throw new UsageException("--format " + format + " is not allowed; allowed: llama");
        }
        Runs.Located located = Runs.locate(path);
        RunDirectory run = located.run();
        Task<?, ?> task = Tasks.of(run.config());
        if (!(task instanceof LanguageModelTask lm)) {
            throw new UsageException(run.dir() + " is a " + task.name() + " run; export writes language models");
        }
        LmRunConfig cfg = Runs.config(lm, run, List.of());
        List<String> problems = LlamaConfig.problems(cfg);
        if (!problems.isEmpty()) {
            throw new UsageException("this model has no Llama equivalent: " + String.join("; ", problems));
        }
        requireEmpty(out);
        Safetensors model = located.checkpoint().model();
        ByteBpeTokenizer tokenizer = Files.exists(run.tokenizer()) ? ByteBpeTokenizer.load(run.tokenizer()) : null;
        int vocab = model.shape("embed.weight")[0];
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        try {
            Files.createDirectories(partial);
            LlamaCheckpoint.toLlama(model).write(partial.resolve("model.safetensors"));
            Files.writeString(partial.resolve("config.json"), ConfigReader.toJson(LlamaConfig.toLlama(cfg, vocab,
                    tokenizer == null ? null : tokenizer.endOfText())));
            Files.writeString(partial.resolve("jemini-config.json"), ConfigReader.toJson(ConfigReader.toTree(cfg)));
            if (tokenizer != null) {
                HfTokenizerFile.write(tokenizer, partial.resolve("tokenizer.json"));
            }
            Files.writeString(partial.resolve(REFERENCE), ConfigReader.toJson(referenceBatch(lm, located)));
            Files.deleteIfExists(out);
            Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        System.out.println("wrote " + out + " (Llama layout, " + vocab + " tokens, from " + run.dir().toAbsolutePath()
                .relativize(located.checkpoint().dir().toAbsolutePath()) + " of " + run.dir() + ")");
        return 0;
    }

    /**
     * The first held-out batch of the run's validation windows (up to 4 sequences) and Jemini's mean
     * next-token loss on it, so a converter can check its forward pass against the exported weights.
     */
    private static ObjectNode referenceBatch(LanguageModelTask lm, Runs.Located located) {
        LmObjective model = Runs.trained(lm, located, List.of());
        int batch = Math.min(4, model.config().train().batchSize());
        int seq = model.config().model().seqLen();
        Indices[] window = model.data().validation().batch(0, batch, seq);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode rows = out.putArray("ids");
        for (int b = 0; b < batch; b++) {
            ArrayNode row = rows.addArray();
            for (int t = 0; t < seq; t++) {
                row.add(window[0].values()[b * seq + t]);
            }
            row.add(window[1].values()[b * seq + seq - 1]);
        }
        try (var noGrad = GradMode.disabled()) {
            out.put("loss", model.model().loss(window[0], window[1]).item());
        }
        return out;
    }

    /** OUT may be absent or an empty directory: nothing there is overwritten. */
    static void requireEmpty(Path out) {
        if (Files.isDirectory(out)) {
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new UsageException(out + " is not empty; give a new directory (nothing is overwritten)");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + out + ": " + e.getMessage(), e);
            }
        } else if (Files.exists(out)) {
            throw new UsageException(out + " is a file; give a new directory");
        }
    }
}
