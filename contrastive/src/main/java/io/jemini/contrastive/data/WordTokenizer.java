package io.jemini.contrastive.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A word-level tokenizer over a fixed vocabulary (id 0 is padding): captions become ids padded to
 * a maximum length with a 1/0 mask; longer captions are truncated and counted.
 */
public final class WordTokenizer {
    public static final String PAD = "<pad>";

    private final List<String> words;
    private final Map<String, Integer> ids = new HashMap<>();
    private long truncated;

    /** {@code words} must not include the padding token, which takes id 0. */
    public WordTokenizer(List<String> words) {
        this.words = new ArrayList<>();
        this.words.add(PAD);
        this.words.addAll(words);
        for (int i = 0; i < this.words.size(); i++) {
            if (ids.put(this.words.get(i), i) != null) {
                throw new IllegalArgumentException("word '" + this.words.get(i) + "' appears twice in the vocabulary");
            }
        }
    }

    /** The vocabulary in id order, padding first: what another implementation needs to encode captions alike. */
    public List<String> words() {
        return List.copyOf(words);
    }

    public int vocabSize() {
        return words.size();
    }

    public int id(String word) {
        Integer id = ids.get(word);
        if (id == null) {
            throw new IllegalArgumentException("word '" + word + "' is not in the vocabulary (" + String.join(", ",
                    words.subList(1, words.size())) + ")");
        }
        return id;
    }

    /** Ids of a caption's whitespace-separated words into {@code ids[offset …]} and its 1/0 mask; returns the length kept. */
    public int encode(String caption, int maxLength, int[] out, float[] mask, int offset) {
        String[] parts = caption.trim().isEmpty() ? new String[0] : caption.trim().split("\\s+");
        if (parts.length == 0) {
            throw new IllegalArgumentException("empty caption");
        }
        int n = Math.min(parts.length, maxLength);
        if (parts.length > maxLength) {
            truncated++;
        }
        for (int i = 0; i < maxLength; i++) {
            out[offset + i] = i < n ? id(parts[i]) : 0;
            mask[offset + i] = i < n ? 1 : 0;
        }
        return n;
    }

    /** Captions truncated so far. */
    public long truncated() {
        return truncated;
    }
}
