package io.jemini.lm.data;

import io.jemini.engine.io.DataRoot;
import io.jemini.engine.random.Rng;
import io.jemini.lm.incontext.Book;
import io.jemini.lm.incontext.Languages;
import io.jemini.lm.incontext.Sentence;
import io.jemini.lm.incontext.TranslationBatches;
import io.jemini.lm.ruler.RulerBatches;
import io.jemini.lm.ruler.RulerGenerator;
import io.jemini.lm.text.ByteBpeTokenizer;
import io.jemini.lm.training.LmRunConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The token data of a language-model run: a training batch stream, held-out validation and test
 * token streams, the batches validation and test losses are measured on, and (for text) the
 * tokenizer, whose byte lengths give bits per byte. The loss batches are windows of the held-out
 * streams, except when training sees generated exercises only (invented languages, RULER-style
 * tasks at rate 1): then they are exercises generated from held-out seeds and scored as training
 * scores them, so the validation loss measures what is trained.
 */
public record LmData(int vocab, BatchSource train, PackedTokens validation, PackedTokens test, HeldOut validationBatches,
                     HeldOut testBatches, ByteBpeTokenizer tokenizer, String description) {
    /**
     * Builds the data for {@code cfg}. For text, the tokenizer is loaded from {@code tokenizerFile}
     * when it exists (a resumed run) or trained on the training split and saved there.
     */
    public static LmData prepare(LmRunConfig cfg, long dataSeed, long splitSeed, Path tokenizerFile) {
        LmRunConfig.Data d = cfg.data();
        int seq = cfg.model().seqLen();
        int evalTokens = cfg.eval().batches() * cfg.train().batchSize() * seq + 1;
        if (d.source() == LmRunConfig.Source.MARKOV) {
            MarkovCorpus corpus = new MarkovCorpus(d.markovVocab(), d.markovBranching(), splitSeed);
            Rng held = new Rng(splitSeed ^ 0x5DEECE66DL);
            double floor = corpus.entropyRate(new Rng(splitSeed + 1), 200_000);
            PackedTokens validation = new PackedTokens(corpus.sample(held, evalTokens), 0);
            PackedTokens test = new PackedTokens(corpus.sample(held, evalTokens), 0);
            return new LmData(d.markovVocab(), new MarkovSource(corpus, dataSeed), validation, test, validation, test,
                    null, String.format(java.util.Locale.ROOT,
                            "generated second-order Markov chain, vocab %d, entropy floor %.4f nats/token", d.markovVocab(), floor));
        }
        if (d.source() == LmRunConfig.Source.LANGUAGES) {
            return languages(cfg, dataSeed, splitSeed, tokenizerFile, evalTokens);
        }
        List<Document> docs = switch (d.source()) {
            case BROWN -> BrownCorpus.read(brownDirectory(d.dir()));
            case TEXT -> TextCorpus.read(d.path());
            case MARKOV, LANGUAGES -> throw new IllegalStateException("generated tokens have no documents");
        };
        DocumentSplit<Document> split = DocumentSplit.of(docs, d.valFraction(), d.testFraction(), splitSeed);
        ByteBpeTokenizer tokenizer;
        if (tokenizerFile != null && Files.exists(tokenizerFile)) {
            tokenizer = ByteBpeTokenizer.load(tokenizerFile);
        } else {
            tokenizer = ByteBpeTokenizer.train(split.train().stream().map(Document::text).toList(), d.vocabSize());
            if (tokenizerFile != null) {
                tokenizer.save(tokenizerFile);
            }
        }
        BatchSource train = exercises(d, tokenizer, new PackedTokens(encode(tokenizer, split.train()), dataSeed), dataSeed);
        PackedTokens validation = new PackedTokens(encode(tokenizer, split.validation()), 0);
        PackedTokens test = new PackedTokens(encode(tokenizer, split.test()), 0);
        HeldOut validationBatches = validation;
        HeldOut testBatches = test;
        boolean answersOnly = d.needleRate() + d.rulerRate() > 1 - 1e-9
                && (d.needleRate() == 0 || d.needleLoss() == LmRunConfig.NeedleLoss.ANSWER);
        if (answersOnly) {
            ByteBpeTokenizer tok = tokenizer;
            long validationSeed = splitSeed ^ 0x76616CL;
            long testSeed = splitSeed ^ 0x74657374L;
            validationBatches = new GeneratedHeldOut(() -> exercises(d, tok, new PackedTokens(validation.tokens(), validationSeed),
                    validationSeed));
            testBatches = new GeneratedHeldOut(() -> exercises(d, tok, new PackedTokens(test.tokens(), testSeed), testSeed));
        }
        return new LmData(tokenizer.vocabSize(), train, validation, test, validationBatches, testBatches,
                tokenizer, String.format(java.util.Locale.ROOT, "%s: %d/%d/%d documents (train/val/test), "
                        + "byte-level BPE vocabulary %d%s", d.source() == LmRunConfig.Source.BROWN ? "Brown corpus"
                        : "text corpus " + d.path(), split.train().size(), split.validation().size(), split.test().size(),
                        tokenizer.vocabSize(), d.needleRate() > 0 ? String.format(java.util.Locale.ROOT,
                                ", needles in %.0f%% of training windows", 100 * d.needleRate()) : "")
                        + (d.rulerRate() > 0 ? String.format(java.util.Locale.ROOT, ", RULER-style tasks in %.0f%% of "
                                + "training windows", 100 * d.rulerRate()) : "")
                        + (answersOnly ? "; validation and test losses on such exercises from held-out text, scored alike" : ""));
    }

    /** {@code text} with the share of windows the config asks for rewritten into needles and RULER-style tasks. */
    private static BatchSource exercises(LmRunConfig.Data d, ByteBpeTokenizer tokenizer, BatchSource text, long seed) {
        BatchSource out = text;
        if (d.needleRate() > 0) {
            out = new NeedleBatches(out, tokenizer, d.needleRate(), d.needlesPerWindow(), seed ^ 0x6E656564L,
                    d.needleLoss() == LmRunConfig.NeedleLoss.ANSWER);
        }
        if (d.rulerRate() > 0) {
            out = new RulerBatches(out, new RulerGenerator(tokenizer), d.rulerRate(), d.rulerTasks(), seed ^ 0x72756C6572L);
        }
        return out;
    }

    /**
     * Invented languages: a tokenizer trained on the text of training languages (word lists,
     * grammars, examples), translation windows for training, and the text of languages drawn from
     * another seed for validation and test.
     */
    private static LmData languages(LmRunConfig cfg, long dataSeed, long splitSeed, Path tokenizerFile, int evalTokens) {
        Languages languages = cfg.languages().generator();
        ByteBpeTokenizer tokenizer;
        if (tokenizerFile != null && Files.exists(tokenizerFile)) {
            tokenizer = ByteBpeTokenizer.load(tokenizerFile);
        } else {
            Rng rng = new Rng(splitSeed);
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                texts.add(languageText(languages, rng, 8));
            }
            tokenizer = ByteBpeTokenizer.train(texts, cfg.data().vocabSize());
            if (tokenizerFile != null) {
                tokenizer.save(tokenizerFile);
            }
        }
        Rng held = new Rng(splitSeed ^ 0x68656C64L);
        PackedTokens validation = new PackedTokens(languageTokens(tokenizer, languages, held, evalTokens), 0);
        PackedTokens test = new PackedTokens(languageTokens(tokenizer, languages, held, evalTokens), 0);
        return new LmData(tokenizer.vocabSize(), new TranslationBatches(tokenizer, languages, dataSeed), validation, test,
                new GeneratedHeldOut(() -> new TranslationBatches(tokenizer, languages, splitSeed ^ 0x76616CL)),
                new GeneratedHeldOut(() -> new TranslationBatches(tokenizer, languages, splitSeed ^ 0x74657374L)), tokenizer,
                String.format(java.util.Locale.ROOT, "invented languages: %d nouns, %d verbs, %d adjectives, %d irregular "
                        + "plurals, books of up to %d examples; byte-level BPE vocabulary %d; validation and test losses on "
                        + "translation windows of held-out languages", languages.nouns(),
                        languages.verbs(), languages.adjectives(), languages.irregular(), languages.maxExamples(),
                        tokenizer.vocabSize()));
    }

    /** A language's whole book and {@code translations} translated sentences. */
    private static String languageText(Languages languages, Rng rng, int translations) {
        Book book = languages.book(rng);
        StringBuilder s = new StringBuilder(book.text(new Book.Parts(true, true, book.examples().size())));
        for (int i = 0; i < translations; i++) {
            Sentence sentence = languages.sentence(rng);
            s.append(Book.question(sentence)).append(book.answer(sentence));
        }
        return s.toString();
    }

    /** At least {@code n} tokens of held-out languages' text, documents separated by end-of-text. */
    private static int[] languageTokens(ByteBpeTokenizer tokenizer, Languages languages, Rng rng, int n) {
        List<int[]> parts = new ArrayList<>();
        int total = 0;
        while (total < n) {
            int[] ids = tokenizer.encode(languageText(languages, rng, 8));
            parts.add(ids);
            total += ids.length + 1;
        }
        return joined(tokenizer, parts);
    }

    private static Path brownDirectory(String configured) {
        Path dir = DataRoot.of(configured).resolve("brown");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("the Brown corpus is not at " + dir
                    + "; run scripts/fetch-data (or set data.dir / JEMINI_DATA)");
        }
        return dir;
    }

    private static int[] encode(ByteBpeTokenizer tok, List<Document> docs) {
        return joined(tok, docs.stream().map(doc -> tok.encode(doc.text())).toList());
    }

    /** The parts one after another, each followed by end-of-text. */
    private static int[] joined(ByteBpeTokenizer tok, List<int[]> parts) {
        int total = 0;
        for (int[] ids : parts) {
            total += ids.length + 1;
        }
        int[] out = new int[total];
        int p = 0;
        for (int[] ids : parts) {
            System.arraycopy(ids, 0, out, p, ids.length);
            p += ids.length;
            out[p++] = tok.endOfText();
        }
        return out;
    }
}
