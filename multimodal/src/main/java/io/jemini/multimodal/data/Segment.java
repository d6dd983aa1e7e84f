package io.jemini.multimodal.data;

/** A piece of a document: text (word ids) or an image ({@code [size, size, 3]} in [0, 1]); exactly one is set. */
public record Segment(int[] tokens, float[] image) {
    public static Segment text(int[] tokens) {
        return new Segment(tokens, null);
    }

    public static Segment image(float[] pixels) {
        return new Segment(null, pixels);
    }

    public boolean isImage() {
        return image != null;
    }
}
