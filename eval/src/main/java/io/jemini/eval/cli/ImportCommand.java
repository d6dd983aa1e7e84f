package io.jemini.eval.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.engine.checkpoint.CheckpointStore;
import io.jemini.engine.config.ConfigException;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.config.UsageException;
import io.jemini.engine.io.Safetensors;
import io.jemini.engine.optim.AdamW;
import io.jemini.engine.random.Rng;
import io.jemini.engine.training.RunDirectory;
import io.jemini.engine.training.TrainingState;
import io.jemini.eval.runs.Runs;
import io.jemini.lm.llama.HfTokenizerFile;
import io.jemini.lm.llama.LlamaCheckpoint;
import io.jemini.lm.llama.LlamaConfig;
import io.jemini.lm.model.TransformerLm;
import io.jemini.lm.text.ByteBpeTokenizer;
import io.jemini.lm.training.LmRunConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Reads a Hugging Face Llama model into a new run directory that every command works on. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Read a Llama model (config.json, model.safetensors, and tokenizer.json when it is the byte-level "
                + "BPE Jemini exports) into a new run directory <out>/<name>-imported-<UTC time>/ with one checkpoint "
                + "(step 0), so that eval, generate and report work on it and train.init_from can continue it.",
            "A jemini-config.json beside the weights (written by 'jemini export') restores the run's data and "
                    + "evaluation settings; otherwise they are the defaults, text (data.source brown) when there is a "
                    + "tokenizer, and --set changes them."})
final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL_DIR", description = "the directory holding config.json and model.safetensors")
    Path dir;

    @Option(names = "--format", defaultValue = "llama", paramLabel = "llama", description = "the layout to read: llama "
            + "(default)")
    String format;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs", description = "where the run directory goes "
            + "(default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "set a key of the run's config, e.g. "
            + "data.source=text, data.path=corpus/ (repeatable)")
    List<String> sets = new ArrayList<>();

    @Override
    public Integer call() {
        if (!format.equals("llama")) {
            throw new UsageException("--format " + format + " is not allowed; allowed: llama");
        }
        Path hfConfig = dir.resolve("config.json");
        Path weights = dir.resolve("model.safetensors");
        if (!Files.isRegularFile(hfConfig) || !Files.isRegularFile(weights)) {
            throw new UsageException(dir + " is not a Llama model directory: it needs config.json and model.safetensors "
                    + "(one file; sharded checkpoints are not read)");
        }
        JsonNode hf = ConfigReader.readTree(hfConfig);
        Path tokenizerFile = dir.resolve("tokenizer.json");
        ByteBpeTokenizer tokenizer = Files.isRegularFile(tokenizerFile) ? HfTokenizerFile.read(tokenizerFile) : null;
        int vocab = hf.path("vocab_size").asInt();
        if (tokenizer != null && tokenizer.vocabSize() != vocab) {
            throw new ConfigException(hfConfig.toString(), List.of("vocab_size = " + vocab + " but tokenizer.json has "
                    + tokenizer.vocabSize() + " tokens"));
        }
        LmRunConfig config = config(hf, hfConfig, tokenizer != null, vocab);
        Safetensors llama = Safetensors.read(weights);
        TransformerLm model = new TransformerLm(config.model().lmConfig(vocab), new Rng(0));
        LlamaCheckpoint.load(model.parameters(), llama, config.model().tiedEmbeddings(), w -> System.out.println("note: " + w));

        RunDirectory run = RunDirectory.create(out, config.name() + "-imported", ZonedDateTime.now());
        LmRunConfig resolved = config.withEnvironment(Runs.environment());
        run.write(run.config(), ConfigReader.toJson(ConfigReader.toTree(resolved)));
        if (tokenizer != null) {
            tokenizer.save(run.tokenizer());
        }
        AdamW optimizer = new AdamW(model.parameters(), (float) config.train().weightDecay());
        TrainingState.save(new CheckpointStore(run.checkpoints(), config.train().keepLast()), 0, model.parameters(),
                model.buffers(), optimizer, new long[0], 0, 0, ConfigReader.toTree(resolved));
        System.out.println("imported " + dir + " (" + model.parameterCount() + " parameters) into " + run.dir());
        return 0;
    }

    /** The exported run's config, or the defaults, given the Llama model's shape and then the --set overrides. */
    private LmRunConfig config(JsonNode hf, Path hfConfig, boolean text, int vocab) {
        Path exported = dir.resolve("jemini-config.json");
        String base;
        List<String> all = new ArrayList<>();
        if (Files.isRegularFile(exported)) {
            if (!(ConfigReader.readTree(exported) instanceof ObjectNode tree)) {
                throw new ConfigException(exported.toString(), List.of("is not a JSON object"));
            }
            tree.remove("environment");
            base = ConfigReader.toJson(tree);
        } else {
            String name = dir.toAbsolutePath().getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
            base = "{\"name\": \"" + name + "\"}";
            all.add(text ? "data.source=brown" : "data.source=markov");
            all.add(text ? "data.vocab_size=" + vocab : "data.markov_vocab=" + vocab);
            LmRunConfig defaults = LmRunConfig.defaults();
            int context = hf.path("max_position_embeddings").asInt(defaults.model().context());
            all.add("model.seq_len=" + Math.min(context, defaults.model().seqLen()));
            all.add("long_context.max_length=" + Math.min(context, defaults.longContext().maxLength()));
        }
        all.addAll(LlamaConfig.fromLlama(hf, hfConfig.toString()));
        all.addAll(sets);
        String source = Files.isRegularFile(exported) ? exported + " with " + hfConfig : hfConfig.toString();
        return ConfigReader.load(source, base, LmRunConfig.class, LmRunConfig.defaults(), all, List.of()).get(0).config();
    }
}
