package io.jemini.lm.training;

import io.jemini.engine.config.UsageException;
import io.jemini.engine.nn.Auxiliary;
import io.jemini.engine.nn.FeedForward;
import io.jemini.engine.nn.ForwardContext;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.ops.Losses;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import io.jemini.engine.training.InitialWeights;
import io.jemini.engine.training.Objective;
import io.jemini.engine.training.RunDirectory;
import io.jemini.engine.training.Validation;
import io.jemini.lm.data.LmData;
import io.jemini.lm.data.HeldOut;
import io.jemini.lm.eval.Evaluation;
import io.jemini.lm.model.LmConfig;
import io.jemini.lm.model.MoeFeedForwards;
import io.jemini.lm.model.Sampler;
import io.jemini.lm.model.TransformerLm;
import io.jemini.lm.text.ByteBpeTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A language model with its token data as the training loop steps it: next-token cross-entropy
 * (plus the experts' auxiliary losses, which are trained but not reported), the balancing-bias
 * update after each step, per-layer routing statistics in the metrics, and held-out loss,
 * perplexity and bits per byte as its validation.
 */
public final class LmObjective implements Objective {
    private final LmRunConfig config;
    private final LmData data;
    private final TransformerLm model;
    private final long sampleSeed;
    private final long noiseSeed;
    private final LayerMetrics layerMetrics = new LayerMetrics();
    private final RoutingStatistics routing = new RoutingStatistics();
    private long drawnStep = -1;
    private Indices[] drawn;

    private LmObjective(LmRunConfig config, LmData data, TransformerLm model, long sampleSeed, long noiseSeed) {
        this.config = config;
        this.data = data;
        this.model = model;
        this.sampleSeed = sampleSeed;
        this.noiseSeed = noiseSeed;
    }

    /**
     * Derives every generator from {@code config.seed}, so a run is a function of its config,
     * with mixture-of-experts feed-forwards where the config's {@code moe} section asks for them. The
     * tokenizer of text data is read from {@code run}, or trained and written there.
     */
    public static LmObjective of(LmRunConfig cfg, RunDirectory run) {
        Rng root = new Rng(cfg.seed());
        long modelSeed = root.nextLong();
        long dataSeed = root.nextLong();
        long splitSeed = root.nextLong();
        long sampleSeed = root.nextLong();
        long noiseSeed = root.nextLong();
        if (run != null) {
            cfg.train().initialWeights().ifPresent(from -> InitialWeights.copyTokenizer(from, run.tokenizer()));
        }
        LmData data = LmData.prepare(cfg, dataSeed, splitSeed, run == null ? null : run.tokenizer());
        LmConfig lmConfig = cfg.model().lmConfig(data.vocab());
        FeedForward.Factory ffn = MoeFeedForwards.factory(cfg);
        TransformerLm lm = ffn == null ? new TransformerLm(lmConfig, new Rng(modelSeed))
                : new TransformerLm(lmConfig, new Rng(modelSeed), ffn);
        return new LmObjective(cfg, data, lm, sampleSeed, noiseSeed);
    }

    public LmRunConfig config() {
        return config;
    }

    public LmData data() {
        return data;
    }

    @Override
    public TransformerLm model() {
        return model;
    }

    /** The seed of the samples written with the results. */
    public long sampleSeed() {
        return sampleSeed;
    }

    @Override
    public String description() {
        return data.description();
    }

    @Override
    public Step step(long step) {
        return step(step, 0, 1);
    }

    @Override
    public Step step(long step, int part, int parts) {
        if (step != drawnStep) {
            drawn = data.train().next(config.train().batchSize(), config.model().seqLen());
            drawnStep = step;
        }
        Indices inputs = parts == 1 ? drawn[0] : rows(drawn[0], part, parts);
        Indices targets = parts == 1 ? drawn[1] : rows(drawn[1], part, parts);
        List<Auxiliary> aux = new ArrayList<>();
        Rng noise = new Rng(noiseSeed ^ (step * 0x9E3779B97F4A7C15L) ^ (part * 0xC2B2AE3D27D4EB4FL));
        Tensor loss = Losses.crossEntropy(model.logits(inputs, ForwardContext.training(noise, aux)), targets,
                Losses.IGNORE_INDEX, 0f, parts == 1 ? -1 : Losses.counted(drawn[1].values(), Losses.IGNORE_INDEX));
        Tensor total = Auxiliary.addTo(loss, aux, 1f / parts);
        return new Step(total, loss.item(), Map.of(), routing.encode(aux, parts));
    }

    /** Rows {@code [part·rows/parts, (part+1)·rows/parts)} of a {@code [rows, seq]} batch. */
    static Indices rows(Indices batch, int part, int parts) {
        int rows = batch.shape().dim(0) / parts;
        int seq = batch.shape().dim(1);
        int[] out = new int[rows * seq];
        System.arraycopy(batch.values(), part * rows * seq, out, 0, out.length);
        return Indices.of(out, rows, seq);
    }

    @Override
    public void afterStep(double[] statistics) {
        List<Auxiliary> step = routing.decode(statistics);
        model.feedForwards().forEach(f -> f.afterStep(step));
        layerMetrics.add(step);
    }

    @Override
    public Map<String, Object> intervalMetrics() {
        return layerMetrics.isEmpty() ? Map.of() : Map.of("layers", layerMetrics.drain());
    }

    @Override
    public Validation validate() {
        Evaluation.Result v = evaluate(data.validationBatches());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("val_loss", v.loss());
        m.put("val_perplexity", v.perplexity());
        m.put("val_bits_per_byte", Double.isNaN(v.bitsPerByte()) ? null : v.bitsPerByte());
        m.put("val_tokens", v.tokens());
        return new Validation(m, String.format(Locale.ROOT, "validation loss %.4f (perplexity %.2f%s)", v.loss(),
                v.perplexity(), Double.isNaN(v.bitsPerByte()) ? ""
                        : String.format(Locale.ROOT, ", %.4f bits/byte", v.bitsPerByte())));
    }

    /** Held-out loss on the first {@code eval.batches} batches of {@code heldOut}. */
    public Evaluation.Result evaluate(HeldOut heldOut) {
        return Evaluation.evaluate(model, heldOut, config.train().batchSize(), config.model().seqLen(), config.eval().batches(),
                data.tokenizer());
    }

    /**
     * Continues {@code prompt} by {@code tokens} tokens with KV-cached decoding: text for a text
     * model, ids separated by spaces for generated token data (where the prompt is ids too; an
     * empty prompt starts from end-of-text, or token 0).
     */
    public String generate(String prompt, int tokens, double temperature, int topK, Rng rng) {
        ByteBpeTokenizer tok = data.tokenizer();
        int[] ids;
        if (tok != null) {
            ids = prompt.isEmpty() ? new int[] {tok.endOfText()} : tok.encode(prompt);
        } else {
            ids = prompt.isBlank() ? new int[] {0} : tokenIds(prompt);
        }
        int[] out = Sampler.generate(model, ids, tokens, temperature, topK, rng, true);
        if (tok != null) {
            return prompt + tok.decode(out);
        }
        StringBuilder sb = new StringBuilder(prompt.trim());
        for (int id : out) {
            sb.append(sb.isEmpty() ? "" : " ").append(id);
        }
        return sb.toString();
    }

    private int[] tokenIds(String prompt) {
        int[] ids;
        try {
            ids = Arrays.stream(prompt.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new UsageException("this run's tokens are ids 0.." + (data.vocab() - 1)
                    + "; give the prompt as ids separated by spaces");
        }
        for (int id : ids) {
            if (id < 0 || id >= data.vocab()) {
                throw new UsageException("prompt token " + id + " is outside 0.." + (data.vocab() - 1));
            }
        }
        return ids;
    }

    @Override
    public long[] dataPosition() {
        return data.train().position();
    }

    @Override
    public void seek(long[] position) {
        data.train().seek(position);
        drawnStep = -1;
    }
}
