package io.jemini.contrastive.eval;

import io.jemini.contrastive.data.ShapeScenes;
import io.jemini.contrastive.data.WordTokenizer;
import io.jemini.contrastive.losses.SparseSimilarity;
import io.jemini.contrastive.model.DualEncoder;
import io.jemini.contrastive.training.SceneBatch;
import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The evaluation suite of an alignment model on fixed, seeded shape-scene test sets, each on the
 * seen split and on the held-out colour–shape combinations: zero-shot classification of
 * single objects among the 30 "a {colour} {shape}" prompts (also scored on colour and on shape
 * alone), attribute binding (true caption
 * against the colour-swapped one), retrieval R@1/R@5 both ways (same object set counts as a
 * hit), and localisation — pointing game, grouping precision of SPARC weights, zero-shot
 * segmentation mIoU (paper protocol: per-patch {@code g_v(h_v(·))} against the prompts of the
 * classes present, background patches excluded).
 */
public final class SparcEvaluation {
    private static final int CHUNK = 64;

    private SparcEvaluation() {
    }

    public static Map<String, Double> evaluate(DualEncoder model, WordTokenizer tokenizer, int maxCaption, int maxObjects,
                                               double distractorRate, int pairs, long seed) {
        Map<String, Double> out = new LinkedHashMap<>();
        try (var noGrad = GradMode.disabled()) {
            float[] prompts = classPrompts(model, tokenizer, maxCaption);
            int d = prompts.length / 30;
            for (ShapeScenes.Split split : ShapeScenes.Split.values()) {
                String tag = split == ShapeScenes.Split.TRAIN ? "seen" : "held_out";
                Rng rng = new Rng(seed ^ (split.ordinal() + 1L) * 0x9E3779B97F4A7C15L);
                zeroShot(model, prompts, d, rng, pairs, split, tag, out);
                binding(model, tokenizer, maxCaption, rng, pairs, split, tag, out);
                ShapeScenes generator = new ShapeScenes(maxObjects, distractorRate, ShapeScenes.defaultHeldOut());
                List<ShapeScenes.Scene> scenes = new ArrayList<>();
                for (int i = 0; i < pairs; i++) {
                    scenes.add(generator.sample(rng, split));
                }
                retrievalAndLocalisation(model, tokenizer, maxCaption, scenes, prompts, d, tag, out);
            }
        }
        return out;
    }

    /** Global text embeddings {@code [30, d]} of "a {colour} {shape}", class = colour * 5 + shape. */
    private static float[] classPrompts(DualEncoder model, WordTokenizer tokenizer, int maxCaption) {
        int n = ShapeScenes.COLOURS.size() * ShapeScenes.SHAPES.size();
        int[] ids = new int[n * maxCaption];
        float[] mask = new float[n * maxCaption];
        for (int c = 0; c < ShapeScenes.COLOURS.size(); c++) {
            for (int s = 0; s < ShapeScenes.SHAPES.size(); s++) {
                int k = ShapeScenes.combination(c, s);
                tokenizer.encode("a " + ShapeScenes.COLOURS.get(c) + " " + ShapeScenes.SHAPES.get(s), maxCaption, ids, mask,
                        k * maxCaption);
            }
        }
        return model.encodeText(Indices.of(ids, n, maxCaption), mask)[1].data();
    }

    private static void zeroShot(DualEncoder model, float[] prompts, int d, Rng rng, int pairs, ShapeScenes.Split split,
                                 String tag, Map<String, Double> out) {
        ShapeScenes single = new ShapeScenes(1, 0, ShapeScenes.defaultHeldOut());
        List<ShapeScenes.Scene> scenes = new ArrayList<>();
        int[] labels = new int[pairs];
        for (int i = 0; i < pairs; i++) {
            ShapeScenes.Scene s = single.sample(rng, split);
            scenes.add(s);
            labels[i] = ShapeScenes.combination(s.objects().get(0).colour(), s.objects().get(0).shape());
        }
        float[] images = imageGlobals(model, scenes);
        int[] predicted = GlobalMetrics.zeroShotPredictions(images, prompts, pairs, d);
        int both = 0;
        int colour = 0;
        int shape = 0;
        int shapes = ShapeScenes.SHAPES.size();
        for (int i = 0; i < pairs; i++) {
            both += predicted[i] == labels[i] ? 1 : 0;
            colour += predicted[i] / shapes == labels[i] / shapes ? 1 : 0;
            shape += predicted[i] % shapes == labels[i] % shapes ? 1 : 0;
        }
        out.put("zero_shot_" + tag, (double) both / pairs);
        out.put("zero_shot_colour_" + tag, (double) colour / pairs);
        out.put("zero_shot_shape_" + tag, (double) shape / pairs);
    }

    private static void binding(DualEncoder model, WordTokenizer tokenizer, int maxCaption, Rng rng, int pairs,
                                ShapeScenes.Split split, String tag, Map<String, Double> out) {
        ShapeScenes two = new ShapeScenes(2, 0, ShapeScenes.defaultHeldOut());
        List<ShapeScenes.Scene> scenes = new ArrayList<>();
        List<String> swapped = new ArrayList<>();
        while (scenes.size() < pairs) {
            ShapeScenes.Scene s = two.sample(rng, split);
            if (s.objects().size() == 2 && s.objects().get(0).colour() != s.objects().get(1).colour()) {
                scenes.add(s);
                String a = ShapeScenes.COLOURS.get(s.objects().get(0).colour());
                String b = ShapeScenes.COLOURS.get(s.objects().get(1).colour());
                swapped.add(s.caption().replace(a, "\u0000").replace(b, a).replace("\u0000", b));
            }
        }
        float[] images = imageGlobals(model, scenes);
        float[] truth = textGlobals(model, tokenizer, maxCaption, scenes.stream().map(ShapeScenes.Scene::caption).toList());
        float[] alt = textGlobals(model, tokenizer, maxCaption, swapped);
        out.put("binding_" + tag, GlobalMetrics.pairwiseAccuracy(images, truth, alt, truth.length / pairs));
    }

    private static void retrievalAndLocalisation(DualEncoder model, WordTokenizer tokenizer, int maxCaption,
                                                 List<ShapeScenes.Scene> scenes, float[] prompts, int d, String tag,
                                                 Map<String, Double> out) {
        int n = scenes.size();
        float[] images = new float[n * d];
        float[] texts = new float[n * d];
        LocalMetrics.Count pointing = new LocalMetrics.Count(0, 0);
        double grouping = 0;
        int groupingCount = 0;
        double miou = 0;
        int miouCount = 0;
        double chance = 0;
        int chanceCount = 0;
        for (int start = 0; start < n; start += CHUNK) {
            List<ShapeScenes.Scene> chunk = scenes.subList(start, Math.min(n, start + CHUNK));
            SceneBatch batch = SceneBatch.of(chunk, tokenizer, maxCaption);
            DualEncoder.ImageEmbeddings img = model.encodeImage(batch.images());
            Tensor[] txt = model.encodeText(batch.ids(), batch.mask());
            System.arraycopy(img.global().data(), 0, images, start * d, chunk.size() * d);
            System.arraycopy(txt[1].data(), 0, texts, start * d, chunk.size() * d);
            int p = img.patches().dim(1);
            float[] weights = SparseSimilarity.apply(txt[0], img.patches(), 1f / p).weights();
            int patchSize = ShapeScenes.SIZE / (int) Math.round(Math.sqrt(p));
            for (int i = 0; i < chunk.size(); i++) {
                ShapeScenes.Scene s = chunk.get(i);
                int[] patchObject = ShapeScenes.patchLabels(s.pixelObject(), s.objects().size(), patchSize);
                int[] tokenObject = contentTokens(s, maxCaption);
                float[] tokens = slice(txt[0].data(), i, maxCaption * d);
                float[] patches = slice(img.patches().data(), i, p * d);
                pointing = pointing.plus(LocalMetrics.pointingGame(tokens, patches, tokenObject, patchObject, d));
                double g = LocalMetrics.groupingPrecision(slice(weights, i, maxCaption * p), tokenObject, patchObject);
                if (!Double.isNaN(g)) {
                    grouping += g;
                    groupingCount++;
                }
                for (int t = 0; t < tokenObject.length; t++) {
                    if (tokenObject[t] >= 0) {
                        chance += area(patchObject, tokenObject[t]);
                        chanceCount++;
                    }
                }
                double[] iou = segmentation(s, patchObject, slice(img.patchesThroughHead().data(), i, p * d), prompts, d);
                for (double v : iou) {
                    if (!Double.isNaN(v)) {
                        miou += v;
                        miouCount++;
                    }
                }
            }
        }
        int[] groups = groups(scenes);
        out.put("i2t_r1_" + tag, GlobalMetrics.recallAtK(images, texts, groups, d, 1));
        out.put("i2t_r5_" + tag, GlobalMetrics.recallAtK(images, texts, groups, d, 5));
        out.put("t2i_r1_" + tag, GlobalMetrics.recallAtK(texts, images, groups, d, 1));
        out.put("t2i_r5_" + tag, GlobalMetrics.recallAtK(texts, images, groups, d, 5));
        out.put("pointing_" + tag, pointing.rate());
        out.put("pointing_chance_" + tag, chanceCount == 0 ? Double.NaN : chance / chanceCount);
        out.put("grouping_precision_" + tag, groupingCount == 0 ? Double.NaN : grouping / groupingCount);
        out.put("segmentation_miou_" + tag, miouCount == 0 ? Double.NaN : miou / miouCount);
    }

    /** The object each colour or shape word names, -1 for other words and padding. */
    private static int[] contentTokens(ShapeScenes.Scene s, int maxCaption) {
        String[] words = s.caption().split(" ");
        int[] out = new int[maxCaption];
        java.util.Arrays.fill(out, -1);
        for (int w = 0; w < Math.min(words.length, maxCaption); w++) {
            if (ShapeScenes.COLOURS.contains(words[w]) || ShapeScenes.SHAPES.contains(words[w])) {
                out[w] = s.captionObject()[w];
            }
        }
        return out;
    }

    /** Per-class IoU of one image over the classes of all its objects, background patches excluded. */
    private static double[] segmentation(ShapeScenes.Scene s, int[] patchObject, float[] patches, float[] prompts, int d) {
        TreeSet<Integer> present = new TreeSet<>();
        int[] truth = new int[patchObject.length];
        for (int q = 0; q < truth.length; q++) {
            int o = patchObject[q];
            truth[q] = o < 0 ? -1 : ShapeScenes.combination(s.objects().get(o).colour(), s.objects().get(o).shape());
            if (truth[q] >= 0) {
                present.add(truth[q]);
            }
        }
        if (present.isEmpty()) {
            return new double[0];
        }
        int[] classes = present.stream().mapToInt(Integer::intValue).toArray();
        return LocalMetrics.segmentationIou(patches, prompts, classes, truth, d, false);
    }

    private static double area(int[] patchObject, int object) {
        int n = 0;
        for (int o : patchObject) {
            n += o == object ? 1 : 0;
        }
        return (double) n / patchObject.length;
    }

    /** Scenes with the same mentioned objects (size, colour, shape, in any order) share a group. */
    private static int[] groups(List<ShapeScenes.Scene> scenes) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        int[] out = new int[scenes.size()];
        for (int i = 0; i < out.length; i++) {
            List<String> names = new ArrayList<>();
            for (ShapeScenes.SceneObject o : scenes.get(i).objects()) {
                if (o.mentioned()) {
                    names.add(o.size() + " " + o.name());
                }
            }
            names.sort(null);
            out[i] = ids.computeIfAbsent(String.join(",", names), k -> ids.size());
        }
        return out;
    }

    private static float[] imageGlobals(DualEncoder model, List<ShapeScenes.Scene> scenes) {
        List<float[]> parts = new ArrayList<>();
        for (int start = 0; start < scenes.size(); start += CHUNK) {
            List<ShapeScenes.Scene> chunk = scenes.subList(start, Math.min(scenes.size(), start + CHUNK));
            float[] pixels = new float[chunk.size() * ShapeScenes.SIZE * ShapeScenes.SIZE * 3];
            for (int i = 0; i < chunk.size(); i++) {
                System.arraycopy(chunk.get(i).image(), 0, pixels, i * chunk.get(i).image().length, chunk.get(i).image().length);
            }
            parts.add(model.encodeImage(Tensor.of(pixels, chunk.size(), ShapeScenes.SIZE, ShapeScenes.SIZE, 3)).global().data());
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
            parts.add(model.encodeText(Indices.of(ids, chunk.size(), maxCaption), mask)[1].data());
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
