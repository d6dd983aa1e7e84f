package io.jemini.contrastive.eval;

import io.jemini.contrastive.data.LabelledPair;
import io.jemini.contrastive.data.SceneSource;
import io.jemini.contrastive.data.Split;
import io.jemini.contrastive.data.WordTokenizer;
import io.jemini.contrastive.losses.SparseSimilarity;
import io.jemini.contrastive.model.DualEncoder;
import io.jemini.contrastive.training.SceneBatch;
import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.launch.Host;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The evaluation suite of an alignment model on fixed, seeded test sets of a scene source, on
 * each of its splits (seen combinations and held-out ones): zero-shot classification of
 * single-object scenes against the class prompts (also scored on each coarser attribute),
 * attribute binding (true caption against the attribute-swapped one), retrieval R@1/R@5 both
 * ways (equal keys count as a hit), and localisation — pointing game, grouping precision of
 * SPARC weights, zero-shot segmentation mIoU by the paper's protocol (per-patch
 * {@code g_v(h_v(·))} against the prompts of the classes present, background excluded), the same
 * counting background, and the same through {@code g_v} alone. Tests a source cannot support
 * (no classes, no masks) are left out.
 */
public final class SparcEvaluation {
    private static final int CHUNK = 64;

    private SparcEvaluation() {
    }

    public static Map<String, Double> evaluate(DualEncoder model, WordTokenizer tokenizer, int maxCaption, SceneSource source,
                                               int pairs, long seed) {
        Map<String, Double> out = new LinkedHashMap<>();
        try (var noGrad = GradMode.disabled()) {
            List<String> classes = source.classPrompts();
            float[] prompts = classes.isEmpty() ? null : textGlobals(model, tokenizer, maxCaption, classes);
            for (Split split : source.splits()) {
                String tag = split.tag();
                Rng rng = new Rng(seed ^ (split.ordinal() + 1L) * 0x9E3779B97F4A7C15L);
                if (prompts != null) {
                    zeroShot(model, source, prompts, prompts.length / classes.size(), rng, pairs, split, tag, out);
                }
                binding(model, tokenizer, maxCaption, source, rng, pairs, split, tag, out);
                retrievalAndLocalisation(model, tokenizer, maxCaption, source.testSet(rng, split, pairs), prompts, tag, out);
            }
        }
        return out;
    }

    private static void zeroShot(DualEncoder model, SceneSource source, float[] prompts, int d, Rng rng, int pairs, Split split,
                                 String tag, Map<String, Double> out) {
        List<LabelledPair> scenes = new ArrayList<>();
        int[] labels = new int[pairs];
        for (int i = 0; i < pairs; i++) {
            LabelledPair s = source.single(rng, split);
            scenes.add(s);
            labels[i] = s.objectClass()[0];
        }
        int[] predicted = GlobalMetrics.zeroShotPredictions(imageGlobals(model, scenes), prompts, pairs, d);
        out.put("zero_shot_" + tag, agreement(predicted, labels, null));
        new TreeMap<>(source.classAttributes()).forEach((name, attribute) ->
                out.put("zero_shot_" + name + "_" + tag, agreement(predicted, labels, attribute)));
    }

    /** The share of predictions equal to the labels, or of equal attribute when {@code attribute} maps classes. */
    private static double agreement(int[] predicted, int[] labels, int[] attribute) {
        int hits = 0;
        for (int i = 0; i < labels.length; i++) {
            hits += attribute == null ? (predicted[i] == labels[i] ? 1 : 0)
                    : (attribute[predicted[i]] == attribute[labels[i]] ? 1 : 0);
        }
        return (double) hits / labels.length;
    }

    private static void binding(DualEncoder model, WordTokenizer tokenizer, int maxCaption, SceneSource source, Rng rng,
                                int pairs, Split split, String tag, Map<String, Double> out) {
        List<LabelledPair> scenes = new ArrayList<>();
        List<String> swapped = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            SceneSource.Binding b = source.binding(rng, split);
            if (b == null) {
                return;
            }
            scenes.add(b.pair());
            swapped.add(b.swapped());
        }
        float[] truth = textGlobals(model, tokenizer, maxCaption, scenes.stream().map(LabelledPair::caption).toList());
        float[] alt = textGlobals(model, tokenizer, maxCaption, swapped);
        out.put("binding_" + tag, GlobalMetrics.pairwiseAccuracy(imageGlobals(model, scenes), truth, alt, truth.length / pairs));
    }

    /** Sums of one localisation measure and how many values went into each. */
    private static final class Mean {
        private double sum;
        private int count;

        void add(double v) {
            if (!Double.isNaN(v)) {
                sum += v;
                count++;
            }
        }

        double value() {
            return count == 0 ? Double.NaN : sum / count;
        }
    }

    private static void retrievalAndLocalisation(DualEncoder model, WordTokenizer tokenizer, int maxCaption,
                                                 List<LabelledPair> scenes, float[] prompts, String tag, Map<String, Double> out) {
        int n = scenes.size();
        float[] images = null;
        float[] texts = null;
        int d = 0;
        LocalMetrics.Count pointing = new LocalMetrics.Count(0, 0);
        LocalMetrics.Count pointingLeast = new LocalMetrics.Count(0, 0);
        LocalMetrics.Count pointingMagnitude = new LocalMetrics.Count(0, 0);
        Mean itemSimilarity = new Mean();
        Mean backgroundSimilarity = new Mean();
        Mean backgroundWeight = new Mean();
        Mean patchesKept = new Mean();
        List<float[]> contentTokens = new ArrayList<>();
        Mean grouping = new Mean();
        Mean chance = new Mean();
        Mean miou = new Mean();
        Mean miouBackground = new Mean();
        Mean miouAdapter = new Mean();
        for (int start = 0; start < n; start += CHUNK) {
            List<LabelledPair> chunk = scenes.subList(start, Math.min(n, start + CHUNK));
            SceneBatch batch = SceneBatch.of(chunk, tokenizer, maxCaption);
            DualEncoder.ImageEmbeddings img = model.encodeImage(batch.images());
            DualEncoder.TextEmbeddings txt = model.encodeText(batch.ids(), batch.mask());
            if (images == null) {
                d = txt.global().dim(1);
                images = new float[n * d];
                texts = new float[n * d];
            }
            System.arraycopy(img.global().data(), 0, images, start * d, chunk.size() * d);
            System.arraycopy(txt.global().data(), 0, texts, start * d, chunk.size() * d);
            int p = img.patches().dim(1);
            float[] weights = Host.read(SparseSimilarity.apply(txt.tokens(), img.patches(), 1f / p).weights());
            int patchSize = chunk.get(0).size() / (int) Math.round(Math.sqrt(p));
            for (int i = 0; i < chunk.size(); i++) {
                LabelledPair s = chunk.get(i);
                int[] patchObject = s.patchObject(patchSize);
                int[] tokenObject = s.tokenObject(maxCaption);
                float[] tokens = slice(txt.tokens().data(), i, maxCaption * d);
                float[] patches = slice(img.patches().data(), i, p * d);
                pointing = pointing.plus(LocalMetrics.pointingGame(tokens, patches, tokenObject, patchObject, d));
                pointingLeast = pointingLeast.plus(LocalMetrics.pointingGame(tokens, patches, tokenObject, patchObject, d,
                        LocalMetrics.Pointer.LEAST_SIMILAR));
                pointingMagnitude = pointingMagnitude.plus(LocalMetrics.pointingGame(tokens, patches, tokenObject, patchObject, d,
                        LocalMetrics.Pointer.LARGEST_MAGNITUDE));
                float[] tokenWeights = slice(weights, i, maxCaption * p);
                grouping.add(LocalMetrics.groupingPrecision(tokenWeights, tokenObject, patchObject));
                for (LocalMetrics.TokenAlignment a : LocalMetrics.alignment(tokens, patches, tokenWeights, tokenObject,
                        patchObject, d)) {
                    itemSimilarity.add(a.itemSimilarity());
                    backgroundSimilarity.add(a.backgroundSimilarity());
                    backgroundWeight.add(a.backgroundWeight());
                    patchesKept.add(a.patchesKept());
                }
                for (int l = 0; l < maxCaption; l++) {
                    if (tokenObject[l] >= 0) {
                        contentTokens.add(slice(tokens, l, d));
                    }
                }
                for (int object : tokenObject) {
                    if (object >= 0) {
                        chance.add(area(patchObject, object));
                    }
                }
                if (prompts != null) {
                    float[] throughHead = slice(img.patchesThroughHead().data(), i, p * d);
                    segmentation(s, patchObject, throughHead, prompts, d, false).forEach(miou::add);
                    segmentation(s, patchObject, throughHead, prompts, d, true).forEach(miouBackground::add);
                    segmentation(s, patchObject, patches, prompts, d, false).forEach(miouAdapter::add);
                }
            }
        }
        int[] groups = groups(scenes);
        out.put("i2t_r1_" + tag, GlobalMetrics.recallAtK(images, texts, groups, d, 1));
        out.put("i2t_r5_" + tag, GlobalMetrics.recallAtK(images, texts, groups, d, 5));
        out.put("t2i_r1_" + tag, GlobalMetrics.recallAtK(texts, images, groups, d, 1));
        out.put("t2i_r5_" + tag, GlobalMetrics.recallAtK(texts, images, groups, d, 5));
        if (pointing.trials() > 0) {
            out.put("pointing_" + tag, pointing.rate());
            out.put("pointing_chance_" + tag, chance.value());
            out.put("grouping_precision_" + tag, grouping.value());
            out.put("pointing_least_similar_" + tag, pointingLeast.rate());
            out.put("pointing_largest_magnitude_" + tag, pointingMagnitude.rate());
            out.put("similarity_item_" + tag, itemSimilarity.value());
            out.put("similarity_background_" + tag, backgroundSimilarity.value());
            out.put("weight_background_" + tag, backgroundWeight.value());
            out.put("patches_kept_" + tag, patchesKept.value());
            out.put("shared_direction_" + tag, LocalMetrics.sharedDirection(contentTokens));
        }
        if (miou.count > 0) {
            out.put("segmentation_miou_" + tag, miou.value());
            out.put("segmentation_miou_background_" + tag, miouBackground.value());
            out.put("segmentation_miou_adapter_" + tag, miouAdapter.value());
        }
    }

    /** Per-class IoU of one image over the classes of the objects it shows. */
    private static List<Double> segmentation(LabelledPair s, int[] patchObject, float[] patches, float[] prompts, int d,
                                             boolean withBackground) {
        TreeSet<Integer> present = new TreeSet<>();
        int[] truth = new int[patchObject.length];
        for (int q = 0; q < truth.length; q++) {
            int o = patchObject[q];
            truth[q] = o < 0 ? -1 : s.objectClass()[o];
            if (truth[q] >= 0) {
                present.add(truth[q]);
            }
        }
        List<Double> out = new ArrayList<>();
        if (!present.isEmpty()) {
            int[] classes = present.stream().mapToInt(Integer::intValue).toArray();
            for (double v : LocalMetrics.segmentationIou(patches, prompts, classes, truth, d, withBackground)) {
                out.add(v);
            }
        }
        return out;
    }

    private static double area(int[] patchObject, int object) {
        int n = 0;
        for (int o : patchObject) {
            n += o == object ? 1 : 0;
        }
        return (double) n / patchObject.length;
    }

    /** Pairs with the same key share a retrieval group. */
    private static int[] groups(List<LabelledPair> scenes) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        int[] out = new int[scenes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.computeIfAbsent(scenes.get(i).key(), k -> ids.size());
        }
        return out;
    }

    private static float[] imageGlobals(DualEncoder model, List<LabelledPair> scenes) {
        List<float[]> parts = new ArrayList<>();
        for (int start = 0; start < scenes.size(); start += CHUNK) {
            List<LabelledPair> chunk = scenes.subList(start, Math.min(scenes.size(), start + CHUNK));
            parts.add(model.encodeImage(SceneBatch.images(chunk)).global().data());
        }
        return concat(parts);
    }

    private static float[] textGlobals(DualEncoder model, WordTokenizer tokenizer, int maxCaption, List<String> captions) {
        List<float[]> parts = new ArrayList<>();
        for (int start = 0; start < captions.size(); start += CHUNK) {
            List<String> chunk = captions.subList(start, Math.min(captions.size(), start + CHUNK));
            int[] ids = new int[chunk.size() * maxCaption];
            float[] mask = new float[chunk.size() * maxCaption];
            for (int i = 0; i < chunk.size(); i++) {
                tokenizer.encode(chunk.get(i), maxCaption, ids, mask, i * maxCaption);
            }
            parts.add(model.encodeText(Indices.of(ids, chunk.size(), maxCaption), mask).global().data());
        }
        return concat(parts);
    }

    private static float[] concat(List<float[]> parts) {
        int n = parts.stream().mapToInt(a -> a.length).sum();
        float[] out = new float[n];
        int p = 0;
        for (float[] a : parts) {
            System.arraycopy(a, 0, out, p, a.length);
            p += a.length;
        }
        return out;
    }

    private static float[] slice(float[] data, int index, int stride) {
        return java.util.Arrays.copyOfRange(data, index * stride, (index + 1) * stride);
    }
}
