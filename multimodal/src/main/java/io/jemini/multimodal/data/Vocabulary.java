package io.jemini.multimodal.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The word-level vocabulary of generated scene documents: the markers first ({@code <pad>},
 * {@code <eot>} ending a document, {@code <img>} and {@code </img>} around an image's patches),
 * then every word captions, questions and answers use. Text is split on spaces; a word outside the
 * vocabulary is an error naming it.
 */
public final class Vocabulary {
    public static final int PAD = 0;
    public static final int END = 1;
    public static final int IMAGE_START = 2;
    public static final int IMAGE_END = 3;

    private final List<String> words;
    private final Map<String, Integer> ids = new HashMap<>();

    public Vocabulary(List<String> contentWords) {
        LinkedHashSet<String> all = new LinkedHashSet<>(List.of("<pad>", "<eot>", "<img>", "</img>"));
        all.addAll(contentWords);
        words = List.copyOf(all);
        for (int i = 0; i < words.size(); i++) {
            ids.put(words.get(i), i);
        }
    }

    public int size() {
        return words.size();
    }

    public int id(String word) {
        Integer id = ids.get(word);
        if (id == null) {
            throw new IllegalArgumentException("'" + word + "' is not in the vocabulary of " + words.size() + " words");
        }
        return id;
    }

    /** The ids of {@code text}'s words followed by {@code <eot>}: a document's last text. */
    public int[] encodeDocumentEnd(String text) {
        int[] words = encode(text);
        int[] tokens = java.util.Arrays.copyOf(words, words.length + 1);
        tokens[words.length] = END;
        return tokens;
    }

    public String word(int id) {
        return words.get(id);
    }

    /** The ids of the space-separated words of {@code text}. */
    public int[] encode(String text) {
        List<Integer> out = new ArrayList<>();
        for (String w : text.trim().split(" +")) {
            if (!w.isEmpty()) {
                out.add(id(w));
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    public List<String> words() {
        return words;
    }
}
