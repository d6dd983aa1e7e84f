package io.jemini.lm.training;

import io.jemini.engine.config.Checks;
import io.jemini.engine.config.ConfigChoice;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.config.RuntimeSection;
import io.jemini.engine.nn.AttentionShape;
import io.jemini.engine.nn.FeedForward;
import io.jemini.engine.nn.Norm;
import io.jemini.engine.ops.RopeScaling;
import io.jemini.engine.task.TaskConfig;
import io.jemini.engine.training.RunEnvironment;
import io.jemini.engine.training.TrainSection;
import io.jemini.experts.routing.MoeConfig;
import io.jemini.lm.data.Needles;
import io.jemini.lm.incontext.EnglishLexicon;
import io.jemini.lm.incontext.Languages;
import io.jemini.lm.model.LmConfig;
import io.jemini.lm.ruler.RulerTask;

/**
 * The config of a language-model run: data, model, training and evaluation. JSON keys are the
 * snake_case component names; every key is optional and defaults to {@link #defaults()}.
 */
public record LmRunConfig(String task, String name, long seed, Data data, Model model, MoeConfig moe, TrainSection train, Eval eval,
                          LongContext longContext, LanguageSection languages, RuntimeSection runtime, RunEnvironment environment)
        implements TaskConfig<LmRunConfig> {
    private static final LmRunConfig DEFAULTS = ConfigReader.defaults(LmRunConfig.class, "lm-defaults.json");

    /**
     * Where tokens come from. {@code markov}: generated second-order Markov text (no download;
     * tokens are the chain's states). {@code brown}: the Brown corpus under {@code dir} (or
     * {@code $JEMINI_DATA/brown}, else {@code data/brown}), split by document and tokenized by a
     * byte-level BPE trained on the training split. {@code text}: the user's own corpus at
     * {@code path} ({@link io.jemini.lm.data.TextCorpus}), treated as Brown is. {@code needleRate}: the share of training
     * windows turned into needle-retrieval exercises ({@link io.jemini.lm.data.NeedleBatches}),
     * scored on every token ({@code all}) or on the answer only ({@code answer}), each holding
     * between one and {@code needlesPerWindow} needles with distinct keys, one of which is asked for.
     * {@code rulerRate}: the share of training windows turned into instances of the RULER-style
     * {@code rulerTasks} ({@link io.jemini.lm.ruler.RulerBatches}), scored on the answer.
     */
    public record Data(Source source, String dir, String path, int vocabSize, double valFraction, double testFraction,
                       int markovVocab, int markovBranching, double needleRate, NeedleLoss needleLoss, int needlesPerWindow,
                       double rulerRate, java.util.List<RulerTask> rulerTasks) {
        /** Whether the tokens are text (a tokenizer, bits per byte, prompts and needles apply). */
        public boolean textual() {
            return source != Source.MARKOV;
        }
    }

    /**
     * The decoder. {@code kvHeads} key/value heads (0: one per query head); {@code attention}
     * {@code plain} or {@code blockwise}; a causal sliding {@code window} (0: none); {@code context}
     * the longest sequence inference accepts; RoPE scaling {@code ropeScaling} by
     * {@code ropeFactor} from a trained length {@code ropeOriginal} (0: {@code seqLen});
     * {@code checkpointBlocks} recomputes block activations in backward.
     */
    public record Model(int dim, int layers, int heads, int hidden, int seqLen, Norm.Kind norm, FeedForward.Kind ffn,
                        double ropeBase, boolean tiedEmbeddings, int kvHeads, AttentionShape.Kind attention, int window, int context,
                        RopeScaling.Kind ropeScaling,
                        double ropeFactor, int ropeOriginal, boolean checkpointBlocks) {
        /** The attention layout this model section describes. */
        public AttentionShape attentionShape() {
            return new AttentionShape(heads, kvHeads == 0 ? heads : kvHeads, attention, window);
        }

        public RopeScaling scaling() {
            return new RopeScaling(ropeScaling, ropeFactor, ropeOriginal == 0 ? seqLen : ropeOriginal);
        }

        /** The decoder's shape for a vocabulary of {@code vocab} tokens. */
        public LmConfig lmConfig(int vocab) {
            return new LmConfig(vocab, dim, layers, heads, hidden, seqLen, norm, ffn, ropeBase, tiedEmbeddings, 1e-5f,
                    attentionShape(), context, scaling(), checkpointBlocks);
        }

        /** Adds the problems of this section, each naming its {@code model.} key. */
        public void check(Checks c) {
            c.atLeast("model.dim", dim, 2);
            c.atLeast("model.layers", layers, 1);
            c.atLeast("model.heads", heads, 1);
            c.require(heads > 0 && dim % heads == 0 && (dim / heads) % 2 == 0,
                    "model.heads", heads, "must divide model.dim into an even head size (RoPE)");
            c.atLeast("model.hidden", hidden, 1);
            c.atLeast("model.seq_len", seqLen, 1);
            c.require(kvHeads >= 0 && (kvHeads == 0 || (heads > 0 && heads % kvHeads == 0)),
                    "model.kv_heads", kvHeads, "must be 0 (one per head) or divide model.heads");
            c.atLeast("model.window", window, 0);
            c.require(context >= seqLen, "model.context", context, "must be >= model.seq_len");
            c.require(ropeFactor >= 1, "model.rope_factor", ropeFactor, "must be >= 1");
            c.atLeast("model.rope_original", ropeOriginal, 0);
            c.positive("model.rope_base", ropeBase);
        }
    }

    public record Eval(int batches, int samples, int sampleTokens, double temperature, int topK, String prompt) {
    }

    /**
     * The long-context suites: context lengths log-spaced from {@code minLength} to
     * {@code maxLength} ({@code lengths} of them), {@code depths} needle depths from 0% to 100%
     * (and contexts per length in the multi-needle suite),
     * {@code needles} needles in the multi-needle suite, and {@code positionSequences} held-out
     * sequences of {@code maxLength} tokens for loss versus position, {@code rulerSamples} instances
     * per task and length in the RULER-style suite.
     */
    public record LongContext(int minLength, int maxLength, int lengths, int depths, int needles, int positionSequences,
                              int rulerSamples) {
    }


    /**
     * The invented languages of in-context translation ({@code data.source languages}): sentences
     * over the first {@code nouns}, {@code verbs} and {@code adjectives} English words,
     * {@code irregular} irregular plurals per language, training books of up to {@code maxExamples}
     * examples; {@code --suite translation} scores {@code evalLanguages} held-out languages ×
     * {@code sentences} test sentences with {@code shots} examples in context and ablations at
     * {@code ablationExamples}.
     */
    public record LanguageSection(int nouns, int verbs, int adjectives, int irregular, int maxExamples, int evalLanguages,
                                  int sentences, java.util.List<Integer> shots, int ablationExamples) {
        /** The generator these settings describe. */
        public Languages generator() {
            return new Languages(nouns, verbs, adjectives, irregular, maxExamples);
        }
    }

    /** Where tokens come from ({@code data.source}). */
    public enum Source implements ConfigChoice {
        MARKOV, BROWN, TEXT, LANGUAGES
    }

    /** Which tokens of a needle window are scored ({@code data.needle_loss}). */
    public enum NeedleLoss implements ConfigChoice {
        ALL, ANSWER
    }

    /** Every key's default, by name, in {@code lm-defaults.json} beside this class. */
    public static LmRunConfig defaults() {
        return DEFAULTS;
    }

    @Override
    public LmRunConfig withEnvironment(RunEnvironment env) {
        return new LmRunConfig(task, name, seed, data, model, moe, train, eval, longContext, languages, runtime, env);
    }

    /** Checks the long-context section against the model's context limit. */
    private void checkLongContext(Checks c) {
        LongContext l = longContext;
        c.require(l.minLength() >= 64, "long_context.min_length", l.minLength(),
                "must be >= 64 tokens to hold a needle, its question and its answer");
        c.require(l.maxLength() >= l.minLength(), "long_context.max_length", l.maxLength(), "must be >= long_context.min_length");
        c.require(l.maxLength() <= model.context(), "long_context.max_length", l.maxLength(),
                "must be <= model.context (" + model.context() + "), the longest sequence the model accepts");
        c.atLeast("long_context.lengths", l.lengths(), 1);
        c.atLeast("long_context.depths", l.depths(), 2);
        c.require(l.needles() >= 1 && l.needles() <= Needles.ORDINALS.size(), "long_context.needles", l.needles(),
                "must be 1 to " + Needles.ORDINALS.size() + " (the similar keys' ordinals)");
        c.atLeast("long_context.position_sequences", l.positionSequences(), 1);
        c.atLeast("long_context.ruler_samples", l.rulerSamples(), 1);
    }

    private void checkLanguages(Checks c) {
        LanguageSection l = languages;
        c.require(l.nouns() >= 2 && l.nouns() <= EnglishLexicon.NOUNS.size(), "languages.nouns", l.nouns(),
                "must be 2 to " + EnglishLexicon.NOUNS.size() + " (the English nouns there are)");
        c.require(l.verbs() >= 1 && l.verbs() <= EnglishLexicon.VERBS.size(), "languages.verbs", l.verbs(),
                "must be 1 to " + EnglishLexicon.VERBS.size() + " (the English verbs there are)");
        c.require(l.adjectives() >= 1 && l.adjectives() <= EnglishLexicon.ADJECTIVES.size(), "languages.adjectives",
                l.adjectives(), "must be 1 to " + EnglishLexicon.ADJECTIVES.size() + " (the English adjectives there are)");
        c.require(l.irregular() >= 0 && l.irregular() <= l.nouns(), "languages.irregular", l.irregular(),
                "must be 0 to languages.nouns (" + l.nouns() + ")");
        c.atLeast("languages.max_examples", l.maxExamples(), 0);
        c.atLeast("languages.eval_languages", l.evalLanguages(), 1);
        c.atLeast("languages.sentences", l.sentences(), 1);
        c.require(l.shots() != null && !l.shots().isEmpty() && l.shots().stream().allMatch(k -> k != null && k >= 0),
                "languages.shots", l.shots(), "must list one or more example counts, each >= 0");
        c.require(l.ablationExamples() >= 1, "languages.ablation_examples", l.ablationExamples(),
                "must be >= 1: the ablations (word list + examples, grammar + examples, examples only) need examples");
        c.require(data.source() != Source.LANGUAGES || (data.needleRate() == 0 && data.rulerRate() == 0), "data.source",
                data.source().key(), "trains on translation windows only; set data.needle_rate and data.ruler_rate to 0");
    }

    @Override
    public void check(Checks c) {
        checkLongContext(c);
        checkLanguages(c);
        runtime.check(c);
        c.oneOf("task", task, "lm");
        c.runName("name", name);
        c.atLeast("data.vocab_size", data.vocabSize(), 257);
        c.require(data.source() != Source.TEXT || (data.path() != null && !data.path().isBlank()), "data.path", data.path(),
                "must name the corpus with data.source text: a .txt or .jsonl file, a directory of them, or a glob such as "
                        + "corpus/*.txt");
        c.fraction("data.val_fraction", data.valFraction());
        c.fraction("data.test_fraction", data.testFraction());
        c.require(data.valFraction() > 0, "data.val_fraction", data.valFraction(), "must be > 0 (validation needs text)");
        c.require(data.valFraction() + data.testFraction() < 1, "data.test_fraction", data.testFraction(),
                "val_fraction + test_fraction must leave training documents");
        c.atLeast("data.markov_vocab", data.markovVocab(), 2);
        c.require(data.markovBranching() >= 1 && data.markovBranching() <= data.markovVocab(), "data.markov_branching",
                data.markovBranching(), "must be between 1 and data.markov_vocab");
        c.require(data.needleRate() >= 0 && data.needleRate() <= 1, "data.needle_rate", data.needleRate(), "must be in [0, 1]");
        c.require(data.needleRate() == 0 || data.textual(), "data.needle_rate", data.needleRate(),
                "needs text: data.source brown or text");
        c.require(data.rulerRate() >= 0 && data.rulerRate() <= 1 && data.needleRate() + data.rulerRate() <= 1,
                "data.ruler_rate", data.rulerRate(), "must be in [0, 1], with data.needle_rate at most 1 in all");
        c.require(data.rulerRate() == 0 || data.textual(), "data.ruler_rate", data.rulerRate(),
                "needs text: data.source brown or text");
        c.require(data.rulerTasks() != null && !data.rulerTasks().isEmpty() && !data.rulerTasks().contains(null),
                "data.ruler_tasks", data.rulerTasks(), "must list one or more of " + String.join(", ",
                        ConfigChoice.keys(RulerTask.class)));
        c.require(data.needlesPerWindow() >= 1 && data.needlesPerWindow() <= Needles.CITIES.size(), "data.needles_per_window",
                data.needlesPerWindow(), "must be between 1 and " + Needles.CITIES.size() + " (the distinct keys)");
        model.check(c);
        moe.check(c, "moe.");
        train.check(c, 1);
        c.atLeast("eval.batches", eval.batches(), 1);
        c.atLeast("eval.samples", eval.samples(), 0);
        c.atLeast("eval.sample_tokens", eval.sampleTokens(), 1);
        c.require(eval.temperature() >= 0, "eval.temperature", eval.temperature(), "must be >= 0 (0 is greedy)");
        c.atLeast("eval.top_k", eval.topK(), 0);
        c.require(eval.prompt() == null || eval.prompt().isEmpty() || data.textual(), "eval.prompt",
                eval.prompt(), "needs text data (data.source brown or text); samples of generated token data start from "
                        + "token 0");
        c.require(eval.prompt() == null || eval.prompt().codePoints().noneMatch(ch -> ch >= Character.MIN_SURROGATE
                && ch <= Character.MAX_SURROGATE), "eval.prompt", eval.prompt(), "holds an unpaired UTF-16 surrogate, "
                + "which UTF-8 cannot encode");
    }
}
