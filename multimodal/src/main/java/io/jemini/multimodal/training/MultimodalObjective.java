package io.jemini.multimodal.training;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.contrastive.data.Split;
import io.jemini.contrastive.model.VisionTransformer;
import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.config.UsageException;
import io.jemini.engine.nn.Auxiliary;
import io.jemini.engine.nn.FeedForward;
import io.jemini.engine.nn.ForwardContext;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.ops.Losses;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import io.jemini.engine.training.Objective;
import io.jemini.engine.training.Validation;
import io.jemini.lm.model.MoeFeedForwards;
import io.jemini.lm.model.Sampler;
import io.jemini.lm.training.LayerMetrics;
import io.jemini.multimodal.data.Document;
import io.jemini.multimodal.data.DocumentSource;
import io.jemini.multimodal.data.FolderDocuments;
import io.jemini.multimodal.data.PackedBatch;
import io.jemini.multimodal.data.QuestionType;
import io.jemini.multimodal.data.SceneDocuments;
import io.jemini.multimodal.data.Segment;
import io.jemini.multimodal.data.Vocabulary;
import io.jemini.multimodal.model.MultimodalModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The multimodal model with its documents as the training loop steps it: next-word cross-entropy
 * on text positions only (plus the experts' auxiliary losses), each step's documents a function
 * of the seed and the step (so resume is exact), and a held-out loss on fixed documents of seen
 * combinations as its validation.
 */
public final class MultimodalObjective implements Objective {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final MultimodalConfig config;
    private final DocumentSource documents;
    private final MultimodalModel model;
    private final long dataSeed;
    private final long evalSeed;
    private final long noiseSeed;
    private final LayerMetrics layerMetrics = new LayerMetrics();
    private final ModalityLoad modalityLoad = new ModalityLoad();
    private List<Auxiliary> lastAuxiliary = List.of();
    private boolean[] lastImageRows = new boolean[0];

    private MultimodalObjective(MultimodalConfig config, DocumentSource documents, MultimodalModel model, long dataSeed,
                                long evalSeed, long noiseSeed) {
        this.config = config;
        this.documents = documents;
        this.model = model;
        this.dataSeed = dataSeed;
        this.evalSeed = evalSeed;
        this.noiseSeed = noiseSeed;
    }

    /** The model and its documents, every generator derived from the config's seed. */
    public static MultimodalObjective of(MultimodalConfig cfg) {
        Rng root = new Rng(cfg.seed());
        long modelSeed = root.nextLong();
        long dataSeed = root.nextLong();
        long evalSeed = root.nextLong();
        long noiseSeed = root.nextLong();
        MultimodalConfig.Data d = cfg.data();
        DocumentSource documents = switch (d.source()) {
            case SHAPES -> new SceneDocuments(d.maxObjects(), d.distractorRate(), d.captionShare(), d.needleRate(),
                    d.needleFrames(), d.codeDigits(), d.galleryRate());
            case FOLDER -> FolderDocuments.read(Path.of(d.folder()), root.nextLong());
        };
        int patch = cfg.vision().patch();
        if (documents.imageSize() % patch != 0) {
            throw new IllegalArgumentException("vision.patch = " + patch + " does not divide the " + documents.imageSize()
                    + "-pixel images of " + documents.description());
        }
        FeedForward.Factory ffn = MoeFeedForwards.factory(cfg.moe(), cfg.model());
        Rng modelRng = new Rng(modelSeed);
        MultimodalConfig.Vision v = cfg.vision();
        VisionTransformer tower = switch (v.encoder()) {
            case PATCH -> null;
            case VIT -> new VisionTransformer(documents.imageSize(), patch, 3, v.width(), v.layers(), v.heads(), v.hidden(),
                    modelRng);
        };
        MultimodalModel model = new MultimodalModel(cfg.model().lmConfig(documents.vocabulary().size()), patch * patch * 3,
                tower, ffn, modelRng);
        if (tower != null && v.initFrom() != null && !v.initFrom().isBlank()) {
            TowerWeights.load(tower, v, Path.of(v.initFrom()));
        }
        return new MultimodalObjective(cfg, documents, model, dataSeed, evalSeed, noiseSeed);
    }

    public MultimodalConfig config() {
        return config;
    }

    public MultimodalModel model() {
        return model;
    }

    public DocumentSource documents() {
        return documents;
    }

    private PackedBatch batch(Rng rng, Split split) {
        Iterator<Document> stream = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Document next() {
                return documents.next(rng, split);
            }
        };
        return PackedBatch.pack(stream, config.train().batchSize(), config.model().seqLen(), documents.imageSize(),
                config.vision().patch());
    }

    private Tensor loss(PackedBatch b, ForwardContext context) {
        return Losses.crossEntropy(model.logits(b, context), Indices.of(b.targets(), b.batch(), b.length()),
                Losses.IGNORE_INDEX, 0f);
    }

    @Override
    public Map<String, Tensor> parameters() {
        return model.parameters();
    }

    @Override
    public Map<String, float[]> buffers() {
        return model.buffers();
    }

    @Override
    public String description() {
        return documents.description();
    }

    @Override
    public Step step(long step) {
        PackedBatch b = batch(new Rng(dataSeed ^ (step * GOLDEN)), Split.TRAIN);
        List<Auxiliary> aux = new ArrayList<>();
        Tensor loss = loss(b, ForwardContext.training(new Rng(noiseSeed ^ (step * GOLDEN)), aux));
        lastAuxiliary = aux;
        lastImageRows = new boolean[b.batch() * b.length()];
        for (int p : b.patchPositions()) {
            lastImageRows[p] = true;
        }
        return new Step(Auxiliary.addTo(loss, aux), loss.item(), Map.of());
    }

    @Override
    public void afterStep() {
        model.lm().feedForwards().forEach(FeedForward::afterStep);
        layerMetrics.add(lastAuxiliary);
        modalityLoad.add(lastAuxiliary, lastImageRows);
    }

    /** Per-layer routing figures, and each modality's share of assignments per expert ({@code modality_load}). */
    @Override
    public Map<String, Object> intervalMetrics() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!layerMetrics.isEmpty()) {
            m.put("layers", layerMetrics.drain());
        }
        if (!modalityLoad.isEmpty()) {
            m.put("modality_load", modalityLoad.drain());
        }
        return m;
    }

    /** The mean text loss over {@code eval.batches} fixed batches of held-out documents of the split, drawn from {@code salt}. */
    public double heldOutLoss(Split split, long salt) {
        Rng rng = new Rng(evalSeed ^ salt);
        Iterator<Document> stream = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Document next() {
                return documents.heldOut(rng, split);
            }
        };
        double sum = 0;
        try (var noGrad = GradMode.disabled()) {
            for (int i = 0; i < config.eval().batches(); i++) {
                sum += loss(PackedBatch.pack(stream, config.train().batchSize(), config.model().seqLen(),
                        documents.imageSize(), config.vision().patch()), ForwardContext.INFERENCE).item();
            }
        }
        return sum / config.eval().batches();
    }

    @Override
    public Validation validate() {
        double loss = heldOutLoss(Split.TRAIN, 1);
        return new Validation(Map.of("val_loss", loss), String.format(Locale.ROOT, "validation loss %.4f (text positions)",
                loss));
    }

    /** The word the model puts first after a document's prompt (greedy). */
    public int answer(Document question) {
        return next(new Document(question.prompt(), question.question()));
    }

    /** The most likely word after {@code prompt}. */
    public int next(Document prompt) {
        PackedBatch b = PackedBatch.single(prompt, documents.imageSize(), config.vision().patch());
        try (var noGrad = GradMode.disabled()) {
            float[] logits = model.logits(b, ForwardContext.INFERENCE).read();
            int vocab = documents.vocabulary().size();
            int last = (b.length() - 1) * vocab;
            int best = 0;
            for (int v = 1; v < vocab; v++) {
                if (logits[last + v] > logits[last + best]) {
                    best = v;
                }
            }
            return best;
        }
    }

    /**
     * Exact-match accuracy of greedy one-word answers on {@code eval.questions} fixed questions of
     * each type and split, with the per-split means: {@code qa_<type>_<split>}, {@code qa_<split>}.
     */
    public Map<String, Double> questionAnswering() {
        Map<String, Double> out = new LinkedHashMap<>();
        if (!(documents instanceof SceneDocuments scenes)) {
            return out;
        }
        for (Split split : Split.values()) {
            double sum = 0;
            List<QuestionType> types = documents.questionTypes();
            for (QuestionType type : types) {
                Rng rng = new Rng(evalSeed ^ (31L * (type.ordinal() + 1) + split.ordinal()));
                int hits = 0;
                for (int i = 0; i < config.eval().questions(); i++) {
                    Document q = scenes.question(rng, split, type);
                    hits += answer(q) == q.answer() ? 1 : 0;
                }
                double accuracy = (double) hits / config.eval().questions();
                out.put("qa_" + type.key() + "_" + split.tag(), accuracy);
                sum += accuracy;
            }
            out.put("qa_" + split.tag(), sum / types.size());
        }
        return out;
    }

    /**
     * Recall of the needle frame's code (all digits right, greedy) over haystacks of
     * {@code eval.lengths} sizes from 1 to {@code eval.frames} frames × {@code eval.depths} depths,
     * {@code eval.haystacks} each: {"lengths", "depths" (%), "cells" [per length, per depth], "recall",
     * "digit_accuracy"}.
     */
    public ObjectNode needleGrid() {
        if (!(documents instanceof SceneDocuments scenes)) {
            throw new UsageException("the needle-frame suite draws its haystacks from generated scenes (data.source shapes); "
                    + "this run reads " + documents.description());
        }
        MultimodalConfig.Eval e = config.eval();
        int[] lengths = new int[e.lengths()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = lengths.length == 1 ? e.frames()
                    : (int) Math.round(Math.exp(Math.log(e.frames()) * i / (lengths.length - 1)));
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        lengths = java.util.Arrays.stream(lengths).distinct().toArray();
        java.util.Arrays.stream(lengths).forEach(out.putArray("lengths")::add);
        ArrayNode depths = out.putArray("depths");
        for (int d = 0; d < e.depths(); d++) {
            depths.add(e.depths() == 1 ? 0.0 : 100.0 * d / (e.depths() - 1));
        }
        ArrayNode cells = out.putArray("cells");
        Rng rng = new Rng(evalSeed ^ 0x6E65656C);
        long found = 0;
        long digitsRight = 0;
        long total = 0;
        for (int frames : lengths) {
            ArrayNode row = cells.addArray();
            for (int d = 0; d < e.depths(); d++) {
                int depth = e.depths() == 1 ? 0 : (int) Math.round((frames - 1) * (double) d / (e.depths() - 1));
                int hits = 0;
                for (int h = 0; h < e.haystacks(); h++) {
                    SceneDocuments.Haystack haystack = scenes.haystack(rng, Split.TRAIN, frames, depth);
                    int[] read = readCode(haystack.document(), haystack.code().length);
                    boolean all = true;
                    for (int i = 0; i < read.length; i++) {
                        boolean right = read[i] == scenes.digit(haystack.code()[i]);
                        digitsRight += right ? 1 : 0;
                        all &= right;
                    }
                    hits += all ? 1 : 0;
                }
                row.add((double) hits / e.haystacks());
                found += hits;
                total += e.haystacks();
            }
        }
        out.put("recall", (double) found / total);
        out.put("digit_accuracy", (double) digitsRight / (total * config.data().codeDigits()));
        out.put("chance", Math.pow(0.1, config.data().codeDigits()));
        out.put("across", "frames (" + config.imagePositions() + " positions each)");
        return out;
    }

    /** The code the model writes (greedy) after the haystack's question. */
    private int[] readCode(Document haystack, int digits) {
        List<Segment> segments = new ArrayList<>(haystack.segments());
        int[] text = segments.remove(segments.size() - 1).tokens();
        int[] prompt = java.util.Arrays.copyOf(text, text.length - digits - 1);
        int[] read = new int[digits];
        for (int i = 0; i < digits; i++) {
            List<Segment> now = new ArrayList<>(segments);
            int[] sofar = java.util.Arrays.copyOf(prompt, prompt.length + i);
            System.arraycopy(read, 0, sofar, prompt.length, i);
            now.add(Segment.text(sofar));
            read[i] = next(new Document(now, null));
        }
        return read;
    }

    /** The prompt word that stands for the next image. */
    public static final String IMAGE_PLACEHOLDER = "<image>";

    /**
     * Continues {@code prompt} (words, with {@value #IMAGE_PLACEHOLDER} where each of {@code images}
     * goes, in order) by up to {@code tokens} words with KV-cached decoding, stopping at
     * {@code <eot>}; greedy at temperature 0, else sampled among the top k.
     */
    public String generate(String prompt, List<float[]> images, int tokens, double temperature, int topK, Rng rng) {
        List<Segment> segments = new ArrayList<>();
        List<Integer> words = new ArrayList<>();
        int used = 0;
        for (String w : prompt.trim().split(" +")) {
            if (w.isEmpty()) {
                continue;
            }
            if (w.equals(IMAGE_PLACEHOLDER)) {
                if (used == images.size()) {
                    throw new UsageException("the prompt has more " + IMAGE_PLACEHOLDER + " placeholders than the "
                            + images.size() + " --image given");
                }
                segments.add(Segment.text(words.stream().mapToInt(Integer::intValue).toArray()));
                segments.add(Segment.image(images.get(used++)));
                words.clear();
            } else if (!documents.vocabulary().words().contains(w)) {
                throw new UsageException("the prompt word '" + w + "' is not in this model's vocabulary of "
                        + documents.vocabulary().size() + " words (e.g. " + String.join(", ",
                        documents.vocabulary().words().subList(4, 12)) + ", …)");
            } else {
                words.add(documents.vocabulary().id(w));
            }
        }
        if (used < images.size()) {
            throw new UsageException(images.size() + " --image given but the prompt has " + used + " "
                    + IMAGE_PLACEHOLDER + " placeholder" + (used == 1 ? "" : "s") + " to place them");
        }
        segments.add(Segment.text(words.stream().mapToInt(Integer::intValue).toArray()));
        Document doc = new Document(segments.stream().filter(s -> s.isImage() || s.tokens().length > 0).toList(), null);
        PackedBatch packed = PackedBatch.single(doc, documents.imageSize(), config.vision().patch());
        int length = packed.length() + tokens;
        if (length > config.model().context()) {
            throw new UsageException("the prompt takes " + packed.length() + " positions and " + tokens + " more were asked "
                    + "for: " + length + " exceeds the model's context of " + config.model().context() + " (model.context)");
        }
        StringBuilder out = new StringBuilder(prompt.trim());
        try (var noGrad = GradMode.disabled()) {
            var cache = model.lm().newCache(1, length);
            float[] logits = model.lm().logitsCachedOfEmbeddings(model.embed(packed), cache).read();
            int vocab = documents.vocabulary().size();
            for (int i = 0; i < tokens; i++) {
                int next = Sampler.pick(java.util.Arrays.copyOfRange(logits, logits.length - vocab, logits.length),
                        temperature, topK, rng);
                if (next == Vocabulary.END) {
                    break;
                }
                out.append(' ').append(documents.vocabulary().word(next));
                logits = model.lm().logitsCached(Indices.of(new int[] {next}, 1, 1), cache).read();
            }
        }
        return out.toString();
    }

    @Override
    public long[] dataPosition() {
        return new long[0];
    }

    @Override
    public void seek(long[] position) {
    }

    @Override
    public long parameterCount() {
        return model.parameterCount();
    }
}
