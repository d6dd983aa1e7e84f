package io.jemini.contrastive.data;

/** Which attribute combinations a split may contain: training scenes never hold the held-out ones. */
public enum Split {
    TRAIN("seen"), HELD_OUT("held_out");

    private final String tag;

    Split(String tag) {
        this.tag = tag;
    }

    /** The suffix of this split's metrics in results.json. */
    public String tag() {
        return tag;
    }
}
