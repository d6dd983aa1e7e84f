package io.jemini.eval.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.engine.config.UsageException;
import io.jemini.engine.random.Rng;
import io.jemini.engine.task.EvalSuite;
import io.jemini.engine.task.ReportSection;
import io.jemini.engine.task.Task;
import io.jemini.engine.training.MemoryEstimate;
import io.jemini.engine.training.RunDirectory;
import io.jemini.engine.training.Throughput;
import io.jemini.engine.training.Validation;
import io.jemini.eval.incontext.TranslationEvaluation;
import io.jemini.eval.longcontext.LongContextSuites;
import io.jemini.eval.report.LongContextReport;
import io.jemini.eval.report.MoePlots;
import io.jemini.lm.eval.Evaluation;
import io.jemini.lm.training.LmMemory;
import io.jemini.lm.training.LmObjective;
import io.jemini.lm.training.LmRunConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Language modelling ({@code "task": "lm"}, the default): a decoder-only transformer, dense or
 * with mixture-of-experts feed-forwards, on generated Markov tokens or the Brown corpus; held-out
 * loss, samples, and the long-context suites.
 */
public final class LanguageModelTask implements Task<LmRunConfig, LmObjective> {
    @Override
    public String name() {
        return "lm";
    }

    @Override
    public Class<LmRunConfig> configType() {
        return LmRunConfig.class;
    }

    @Override
    public LmRunConfig defaults() {
        return LmRunConfig.defaults();
    }

    @Override
    public MemoryEstimate memory(LmRunConfig config) {
        return LmMemory.of(config);
    }

    @Override
    public Throughput throughput(LmRunConfig config) {
        return new Throughput("tokens", "tok", (long) config.train().batchSize() * config.model().seqLen());
    }

    @Override
    public LmObjective build(LmRunConfig config, RunDirectory run) {
        return LmObjective.of(config, run);
    }

    /** Validation (the last step's when there is one) and test loss, then samples from the eval prompt. */
    @Override
    public ObjectNode results(LmObjective model, Validation lastValidation) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        Validation val = lastValidation != null ? lastValidation : model.validate();
        val.metrics().forEach((k, v) -> {
            if (v instanceof Long n) {
                r.put(k, n);
            } else if (v instanceof Double x) {
                r.put(k, x);
            }
        });
        Evaluation.Result test = model.evaluate(model.data().testBatches());
        r.put("test_loss", test.loss());
        r.put("test_perplexity", test.perplexity());
        if (!Double.isNaN(test.bitsPerByte())) {
            r.put("test_bits_per_byte", test.bitsPerByte());
        }
        r.put("test_tokens", test.tokens());
        ArrayNode samples = r.putArray("samples");
        LmRunConfig.Eval e = model.config().eval();
        Rng rng = new Rng(model.sampleSeed());
        for (int i = 0; i < e.samples(); i++) {
            samples.add(model.generate(e.prompt(), e.sampleTokens(), e.temperature(), e.topK(), rng));
        }
        return r;
    }

    @Override
    public String summary(JsonNode results) {
        return String.format(Locale.ROOT, "validation loss %.4f, test loss %.4f%s; %.0f tokens/s, peak heap %.0f MB",
                results.path("val_loss").asDouble(), results.path("test_loss").asDouble(),
                results.has("val_bits_per_byte") ? String.format(Locale.ROOT, ", %.4f bits/byte (val)",
                        results.path("val_bits_per_byte").asDouble()) : "", results.path("tokens_per_s").asDouble(),
                results.path("peak_heap_mb").asDouble());
    }

    @Override
    public List<String> summaryKeys() {
        return List.of("val_loss", "val_bits_per_byte", "test_loss", "tokens_per_s");
    }

    @Override
    public List<EvalSuite<LmObjective>> suites() {
        List<EvalSuite<LmObjective>> suites = new ArrayList<>();
        suites.add(new HeldOutSuite());
        suites.addAll(List.of(LongContextSuites.Suite.values()));
        suites.add(new TranslationEvaluation());
        return suites;
    }

    /** Loss, perplexity and bits per byte on the validation and test windows ({@code --suite lm}). */
    private static final class HeldOutSuite implements EvalSuite<LmObjective> {
        private static final String[] SPLITS = {"val", "test"};

        @Override
        public String key() {
            return "lm";
        }

        @Override
        public ObjectNode evaluate(LmObjective model, List<String> overrides) {
            ObjectNode figures = JsonNodeFactory.instance.objectNode();
            for (String split : SPLITS) {
                Evaluation.Result r = model.evaluate(split.equals("test") ? model.data().testBatches() : model.data().validationBatches());
                figures.put(split + "_loss", r.loss());
                figures.put(split + "_perplexity", r.perplexity());
                if (!Double.isNaN(r.bitsPerByte())) {
                    figures.put(split + "_bits_per_byte", r.bitsPerByte());
                }
                figures.put(split + "_tokens", r.tokens());
            }
            return figures;
        }

        @Override
        public String summary(JsonNode figures) {
            StringBuilder out = new StringBuilder();
            for (String split : SPLITS) {
                out.append(String.format(Locale.ROOT, "%-10s loss %.4f nats/token  perplexity %.3f%s  (%d tokens)%n",
                        split.equals("val") ? "validation" : split, figures.path(split + "_loss").asDouble(),
                        figures.path(split + "_perplexity").asDouble(), figures.has(split + "_bits_per_byte")
                                ? String.format(Locale.ROOT, "  %.4f bits/byte", figures.path(split + "_bits_per_byte").asDouble())
                                : "", figures.path(split + "_tokens").asLong()));
            }
            return out.toString().stripTrailing();
        }
    }

    @Override
    public List<ReportSection> reportSections() {
        return List.of(LongContextReport::section, TranslationEvaluation::section, MoePlots::section,
                LanguageModelTask::samples);
    }

    private static String samples(RunDirectory run, List<JsonNode> metrics, JsonNode results) {
        if (results == null || results.path("samples").isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("## Samples\n\n");
        for (JsonNode s : results.get("samples")) {
            md.append("```text\n").append(s.asText().replace("```", "` ` `")).append("\n```\n\n");
        }
        return md.toString();
    }

    @Override
    public String generate(LmObjective model, String prompt, List<Path> images, int tokens, double temperature, int topK,
                           Rng rng) {
        if (!images.isEmpty()) {
            throw new UsageException("a language model reads no images; --image applies to multimodal runs");
        }
        return model.generate(prompt, tokens, temperature, topK, rng);
    }
}
