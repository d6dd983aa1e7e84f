package io.jemini.multimodal.eval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.contrastive.data.Split;
import io.jemini.engine.config.UsageException;
import io.jemini.engine.random.Rng;
import io.jemini.multimodal.data.Document;
import io.jemini.multimodal.data.SceneDocuments;
import io.jemini.multimodal.data.Segment;
import io.jemini.multimodal.training.MultimodalConfig;
import io.jemini.multimodal.training.MultimodalObjective;
import java.util.ArrayList;
import java.util.List;

/**
 * The cross-modal needle in a haystack: scene frames with one showing a seven-segment code, or the
 * reverse, captioned frames with the code stated in words between two of them; then "what is the
 * code ?", read greedily, digit by digit.
 */
public final class FrameNeedles {
    /** Where the code is: drawn into one frame, or stated in words between captioned frames. */
    public enum Needle {
        FRAME, TEXT
    }

    private FrameNeedles() {
    }

    /**
     * Recall of the needle frame's code (all digits right, greedy) over haystacks of
     * {@code eval.lengths} sizes from 1 to {@code eval.frames} frames × {@code eval.depths} depths,
     * {@code eval.haystacks} each: {"lengths", "depths" (%), "cells" [per length, per depth], "recall",
     * "digit_accuracy"}.
     */
    public static ObjectNode grid(MultimodalObjective model, Needle needle) {
        if (!(model.documents() instanceof SceneDocuments scenes)) {
            throw new UsageException("the needle-frame suite draws its haystacks from generated scenes (data.source shapes); "
                    + "this run reads " + model.documents().description());
        }
        MultimodalConfig.Eval e = model.config().eval();
        int longest = needle == Needle.FRAME ? model.config().haystackPositions(e.frames())
                : model.config().textHaystackPositions(e.frames());
        if (longest > model.config().model().context()) {
            throw new UsageException("eval.frames = " + e.frames() + ": the longest " + (needle == Needle.FRAME ? "frame"
                    : "captioned-frame") + " haystack takes up to " + longest + " positions, more than model.context ("
                    + model.config().model().context() + ")");
        }
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
        Rng rng = new Rng(model.evalSeed() ^ (needle == Needle.FRAME ? 0x6E65656C : 0x74657874));
        long found = 0;
        long digitsRight = 0;
        long total = 0;
        for (int frames : lengths) {
            ArrayNode row = cells.addArray();
            for (int d = 0; d < e.depths(); d++) {
                int slots = needle == Needle.FRAME ? frames - 1 : frames;
                int depth = e.depths() == 1 ? 0 : (int) Math.round(slots * (double) d / (e.depths() - 1));
                int hits = 0;
                for (int h = 0; h < e.haystacks(); h++) {
                    SceneDocuments.Haystack haystack = needle == Needle.FRAME ? scenes.haystack(rng, Split.TRAIN, frames, depth)
                            : scenes.textHaystack(rng, Split.TRAIN, frames, depth);
                    int[] read = readCode(model, haystack.document(), haystack.code().length);
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
        out.put("digit_accuracy", (double) digitsRight / (total * model.config().data().codeDigits()));
        out.put("chance", Math.pow(0.1, model.config().data().codeDigits()));
        out.put("across", needle == Needle.FRAME ? "frames (" + model.config().imagePositions() + " positions each)"
                : "captioned frames");
        return out;
    }

    /** The code the model writes (greedy, KV-cached) after the haystack's question. */
    private static int[] readCode(MultimodalObjective model, Document haystack, int digits) {
        List<Segment> segments = new ArrayList<>(haystack.segments());
        int[] text = segments.remove(segments.size() - 1).tokens();
        segments.add(Segment.text(java.util.Arrays.copyOf(text, text.length - digits - 1)));
        return Generation.continuation(model, new Document(segments, null), digits, 0, 0, null, false);
    }
}
