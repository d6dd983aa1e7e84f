package io.jemini.engine.nn;

import io.jemini.engine.config.ConfigChoice;

/**
 * How a self-attention layer is laid out and computed: {@code heads} query heads sharing
 * {@code kvHeads} key/value heads (grouped-query; equal for multi-head, 1 for multi-query),
 * {@code kind} {@code plain} (scores materialised, for short sequences) or {@code blockwise}
 * (online softmax, memory linear in length), and a causal sliding {@code window} (0: none).
 */
public record AttentionShape(int heads, int kvHeads, Kind kind, int window) {
    /** How scores are computed ({@code model.attention}). */
    public enum Kind implements ConfigChoice {
        PLAIN, BLOCKWISE
    }

    public AttentionShape {
        if (heads <= 0 || kvHeads <= 0 || heads % kvHeads != 0) {
            throw new IllegalArgumentException("attention: " + heads + " query heads cannot share " + kvHeads
                    + " key/value heads; the query heads must be a multiple of the key/value heads");
        }
        if (window < 0) {
            throw new IllegalArgumentException("attention window " + window + " must be >= 0");
        }
    }

    /** Classic multi-head attention, scores materialised, no window. */
    public static AttentionShape multiHead(int heads) {
        return new AttentionShape(heads, heads, Kind.PLAIN, 0);
    }
}
