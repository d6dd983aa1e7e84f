package io.jemini.multimodal.eval;

import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.config.UsageException;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.random.Rng;
import io.jemini.lm.model.Sampler;
import io.jemini.multimodal.data.Document;
import io.jemini.multimodal.data.PackedBatch;
import io.jemini.multimodal.data.Segment;
import io.jemini.multimodal.data.Vocabulary;
import io.jemini.multimodal.training.MultimodalObjective;
import java.util.ArrayList;
import java.util.List;

/** Continues a prompt of words and images with the multimodal model, KV-cached. */
public final class Generation {
    private Generation() {
    }

    /** The prompt word that stands for the next image. */
    public static final String IMAGE_PLACEHOLDER = "<image>";

    /**
     * Continues {@code prompt} (words, with {@value #IMAGE_PLACEHOLDER} where each of {@code images}
     * goes, in order) by up to {@code tokens} words with KV-cached decoding, stopping at
     * {@code <eot>}; greedy at temperature 0, else sampled among the top k.
     */
    public static String generate(MultimodalObjective model, String prompt, List<float[]> images, int tokens,
                                  double temperature, int topK, Rng rng) {
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
            } else if (!model.documents().vocabulary().words().contains(w)) {
                throw new UsageException("the prompt word '" + w + "' is not in this model's vocabulary of "
                        + model.documents().vocabulary().size() + " words (e.g. " + String.join(", ",
                        model.documents().vocabulary().words().subList(4, 12)) + ", …)");
            } else {
                words.add(model.documents().vocabulary().id(w));
            }
        }
        if (used < images.size()) {
            throw new UsageException(images.size() + " --image given but the prompt has " + used + " "
                    + IMAGE_PLACEHOLDER + " placeholder" + (used == 1 ? "" : "s") + " to place them");
        }
        segments.add(Segment.text(words.stream().mapToInt(Integer::intValue).toArray()));
        Document doc = new Document(segments.stream().filter(s -> s.isImage() || s.tokens().length > 0).toList(), null);
        int[] out = continuation(model, doc, tokens, temperature, topK, rng, true);
        StringBuilder text = new StringBuilder(prompt.trim());
        for (int id : out) {
            text.append(' ').append(model.documents().vocabulary().word(id));
        }
        return text.toString();
    }

    /**
     * Up to {@code tokens} words after {@code prompt}, KV-cached: the prompt is read once, then
     * one position per word; greedy at temperature 0 (lowest id on ties), else sampled among the
     * top k. With {@code stopAtEnd}, {@code <eot>} ends the continuation (and is not returned).
     */
    public static int[] continuation(MultimodalObjective model, Document prompt, int tokens, double temperature, int topK,
                                     Rng rng, boolean stopAtEnd) {
        PackedBatch packed = PackedBatch.single(prompt, model.documents().imageSize(), model.config().vision().patch());
        int length = packed.length() + tokens;
        if (length > model.config().model().context()) {
            throw new UsageException("the prompt takes " + packed.length() + " positions and " + tokens + " more were asked "
                    + "for: " + length + " exceeds the model's context of " + model.config().model().context() + " (model.context)");
        }
        int vocab = model.documents().vocabulary().size();
        int[] out = new int[tokens];
        int n = 0;
        try (var noGrad = GradMode.disabled()) {
            var lm = model.model().lm();
            var cache = lm.newCache(1, length);
            float[] logits = lm.logitsCachedOfEmbeddings(model.model().embed(packed), cache).read();
            while (n < tokens) {
                int next = Sampler.pick(java.util.Arrays.copyOfRange(logits, logits.length - vocab, logits.length),
                        temperature, topK, rng);
                if (stopAtEnd && next == Vocabulary.END) {
                    break;
                }
                out[n++] = next;
                if (n < tokens) {
                    logits = lm.logitsCached(Indices.of(new int[] {next}, 1, 1), cache).read();
                }
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
