package io.jemini.multimodal.training;

import io.jemini.contrastive.data.FashionMnist;
import io.jemini.contrastive.data.Split;
import io.jemini.contrastive.model.VisionTransformer;
import io.jemini.engine.autograd.GradMode;
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
import io.jemini.lm.training.LayerMetrics;
import io.jemini.lm.training.RoutingStatistics;
import io.jemini.multimodal.data.Document;
import io.jemini.multimodal.data.DocumentSource;
import io.jemini.multimodal.data.FashionWorld;
import io.jemini.multimodal.data.FolderDocuments;
import io.jemini.multimodal.data.PackedBatch;
import io.jemini.multimodal.data.SceneDocuments;
import io.jemini.multimodal.model.MultimodalModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

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
    private final RoutingStatistics routing = new RoutingStatistics();
    private long drawnStep = -1;
    private PackedBatch drawn;

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
            case SHAPES -> SceneDocuments.ofShapes(d.maxObjects(), d.distractorRate(), mix(d));
            case FASHION -> {
                Path dir = FashionMnist.directory(d.dir());
                yield new SceneDocuments(new FashionWorld(FashionMnist.trainingImages(dir), d.maxObjects(), d.distractorRate()),
                        new FashionWorld(FashionMnist.testImages(dir), d.maxObjects(), d.distractorRate()), mix(d));
            }
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

    private static SceneDocuments.Mix mix(MultimodalConfig.Data d) {
        return new SceneDocuments.Mix(d.captionShare(), d.needleRate(), d.needleFrames(), d.codeDigits(), d.galleryRate(),
                d.textNeedleRate());
    }

    public MultimodalConfig config() {
        return config;
    }

    @Override
    public MultimodalModel model() {
        return model;
    }

    public DocumentSource documents() {
        return documents;
    }

    private PackedBatch batch(Rng rng, Split split) {
        return PackedBatch.pack(Stream.generate(() -> documents.next(rng, split)).iterator(), config.train().batchSize(), config.model().seqLen(), documents.imageSize(),
                config.vision().patch());
    }

    private Tensor loss(PackedBatch b, ForwardContext context) {
        return Losses.crossEntropy(model.logits(b, context), Indices.of(b.targets(), b.batch(), b.length()),
                Losses.IGNORE_INDEX, 0f);
    }

    @Override
    public String description() {
        return documents.description();
    }

    @Override
    public Step step(long step) {
        return step(step, 0, 1);
    }

    @Override
    public Step step(long step, int part, int parts) {
        if (step != drawnStep) {
            drawn = batch(new Rng(dataSeed ^ (step * GOLDEN)), Split.TRAIN);
            drawnStep = step;
        }
        int rows = drawn.batch() / parts;
        PackedBatch b = parts == 1 ? drawn : drawn.rows(part * rows, (part + 1) * rows);
        List<Auxiliary> aux = new ArrayList<>();
        Rng noise = new Rng(noiseSeed ^ (step * GOLDEN) ^ (part * 0xC2B2AE3D27D4EB4FL));
        Tensor loss = Losses.crossEntropy(model.logits(b, ForwardContext.training(noise, aux)),
                Indices.of(b.targets(), b.batch(), b.length()), Losses.IGNORE_INDEX, 0f,
                parts == 1 ? -1 : Losses.counted(drawn.targets(), Losses.IGNORE_INDEX));
        Tensor total = Auxiliary.addTo(loss, aux, 1f / parts);
        boolean[] imageRows = new boolean[b.batch() * b.length()];
        for (int p : b.patchPositions()) {
            imageRows[p] = true;
        }
        double[] routed = routing.encode(aux, parts);
        double[] byModality = modalityLoad.count(aux, imageRows);
        double[] statistics = Arrays.copyOf(routed, routed.length + byModality.length);
        System.arraycopy(byModality, 0, statistics, routed.length, byModality.length);
        return new Step(total, loss.item(), Map.of(), statistics);
    }

    /** The balancing bias moves by, and the metrics count, the whole step's routing, however it was split. */
    @Override
    public void afterStep(double[] statistics) {
        List<Auxiliary> step = routing.decode(Arrays.copyOf(statistics, routing.length()));
        model.lm().feedForwards().forEach(f -> f.afterStep(step));
        layerMetrics.add(step);
        modalityLoad.add(statistics, routing.length());
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
        Iterator<Document> stream = Stream.generate(() -> documents.heldOut(rng, split)).iterator();
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

    /** The seed of the evaluation sets (held-out batches, questions, haystacks). */
    public long evalSeed() {
        return evalSeed;
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

    @Override
    public long[] dataPosition() {
        return new long[0];
    }

    @Override
    public void seek(long[] position) {
    }
}
