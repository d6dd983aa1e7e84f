package io.jemini.multimodal.data;

import java.util.List;

/**
 * One document of the mixture: images and text in order. A question's document ends with its
 * one-word answer followed by {@code <eot>}; {@code question} is null for a caption.
 */
public record Document(List<Segment> segments, QuestionType question) {
    /** The word id the document's question is answered by (the token before the final {@code <eot>}). */
    public int answer() {
        int[] last = segments.get(segments.size() - 1).tokens();
        return last[last.length - 2];
    }

    /** The document without its answer and {@code <eot>}: the prompt a model answers. */
    public List<Segment> prompt() {
        List<Segment> out = new java.util.ArrayList<>(segments.subList(0, segments.size() - 1));
        int[] last = segments.get(segments.size() - 1).tokens();
        out.add(Segment.text(java.util.Arrays.copyOf(last, last.length - 2)));
        return out;
    }
}
