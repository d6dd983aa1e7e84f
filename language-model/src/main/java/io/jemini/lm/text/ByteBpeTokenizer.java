package io.jemini.lm.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A byte-level BPE tokenizer (GPT-2 style): text is split into chunks (a word with its leading
 * space, a run of punctuation, or whitespace), each chunk's UTF-8 bytes start as tokens 0–255,
 * and learned merges join the most frequent adjacent pairs. Since every byte is a token, encode
 * then decode returns any valid UTF-8 string exactly. The last id is the end-of-text token.
 */
public final class ByteBpeTokenizer {
    /** Separates documents in a token stream. */
    public static final String END_OF_TEXT = "<|endoftext|>";
    private static final Pattern CHUNK = Pattern.compile(" ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int[][] merges;
    private final Map<Long, Integer> rank = new HashMap<>();
    private final byte[][] bytesOf;
    private final Map<String, int[]> cache = new HashMap<>();

    private ByteBpeTokenizer(int[][] merges) {
        this.merges = merges;
        this.bytesOf = new byte[256 + merges.length + 1][];
        for (int b = 0; b < 256; b++) {
            bytesOf[b] = new byte[] {(byte) b};
        }
        for (int i = 0; i < merges.length; i++) {
            int[] m = merges[i];
            rank.put(pair(m[0], m[1]), i);
            byte[] a = bytesOf[m[0]];
            byte[] b = bytesOf[m[1]];
            byte[] joined = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, joined, a.length, b.length);
            bytesOf[256 + i] = joined;
        }
        bytesOf[bytesOf.length - 1] = new byte[0];
    }

    /**
     * Learns merges from {@code texts} until the vocabulary (256 bytes + merges + end-of-text)
     * reaches {@code vocabSize} or no pair occurs twice. Ties go to the smaller pair of ids, so
     * training is deterministic.
     */
    public static ByteBpeTokenizer train(List<String> texts, int vocabSize) {
        if (vocabSize < 257) {
            throw new IllegalArgumentException("vocabulary size " + vocabSize + " must be at least 257 (256 bytes + end-of-text)");
        }
        Map<String, Integer> chunkCounts = new TreeMap<>();
        for (String text : texts) {
            Matcher m = CHUNK.matcher(text);
            while (m.find()) {
                chunkCounts.merge(m.group(), 1, Integer::sum);
            }
        }
        List<int[]> words = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        chunkCounts.forEach((chunk, count) -> {
            byte[] b = chunk.getBytes(StandardCharsets.UTF_8);
            int[] ids = new int[b.length];
            for (int i = 0; i < b.length; i++) {
                ids[i] = b[i] & 0xFF;
            }
            words.add(ids);
            counts.add(count);
        });
        Map<Long, Long> pairCounts = new HashMap<>();
        Map<Long, java.util.Set<Integer>> pairWords = new HashMap<>();
        for (int w = 0; w < words.size(); w++) {
            countPairs(words.get(w), counts.get(w), w, pairCounts, pairWords);
        }
        List<int[]> merges = new ArrayList<>();
        int target = vocabSize - 257;
        while (merges.size() < target) {
            long best = -1;
            long bestCount = 1;
            for (Map.Entry<Long, Long> e : pairCounts.entrySet()) {
                long c = e.getValue();
                if (c > bestCount || (c == bestCount && best >= 0 && e.getKey() < best)) {
                    best = e.getKey();
                    bestCount = c;
                }
            }
            if (best < 0) {
                break;
            }
            int a = (int) (best >>> 32);
            int b = (int) best;
            int id = 256 + merges.size();
            merges.add(new int[] {a, b});
            for (int w : new ArrayList<>(pairWords.getOrDefault(best, java.util.Set.of()))) {
                int[] old = words.get(w);
                int[] merged = applyMerge(old, a, b, id);
                if (merged != old) {
                    countPairs(old, -counts.get(w), w, pairCounts, pairWords);
                    words.set(w, merged);
                    countPairs(merged, counts.get(w), w, pairCounts, pairWords);
                }
            }
        }
        return new ByteBpeTokenizer(merges.toArray(new int[0][]));
    }

    /** Adds {@code weight} (negative to remove) for every adjacent pair of word {@code w}. */
    private static void countPairs(int[] ids, long weight, int w, Map<Long, Long> pairCounts,
                                   Map<Long, java.util.Set<Integer>> pairWords) {
        for (int i = 0; i + 1 < ids.length; i++) {
            long p = pair(ids[i], ids[i + 1]);
            long c = pairCounts.merge(p, weight, Long::sum);
            if (c <= 0) {
                pairCounts.remove(p);
                java.util.Set<Integer> ws = pairWords.get(p);
                if (ws != null) {
                    ws.remove(w);
                }
            } else if (weight > 0) {
                pairWords.computeIfAbsent(p, k -> new java.util.HashSet<>()).add(w);
            }
        }
    }

    private static int[] applyMerge(int[] ids, int a, int b, int id) {
        int n = 0;
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (i + 1 < ids.length && ids[i] == a && ids[i + 1] == b) {
                out[n++] = id;
                i++;
            } else {
                out[n++] = ids[i];
            }
        }
        return n == ids.length ? ids : Arrays.copyOf(out, n);
    }

    private static long pair(int a, int b) {
        return ((long) a << 32) | (b & 0xFFFFFFFFL);
    }

    /** A tokenizer from its merges in rank order: merge {@code i} joins two earlier ids into id {@code 256 + i}. */
    public static ByteBpeTokenizer of(int[][] merges) {
        for (int i = 0; i < merges.length; i++) {
            int[] m = merges[i];
            if (m.length != 2 || m[0] < 0 || m[1] < 0 || m[0] >= 256 + i || m[1] >= 256 + i) {
                throw new IllegalArgumentException("merge " + i + " = " + Arrays.toString(m) + " must join two ids below "
                        + (256 + i));
            }
        }
        return new ByteBpeTokenizer(Arrays.stream(merges).map(int[]::clone).toArray(int[][]::new));
    }

    /** The merges in rank order (a copy). */
    public int[][] merges() {
        return Arrays.stream(merges).map(int[]::clone).toArray(int[][]::new);
    }

    /** The regular expression that cuts text into chunks before the merges apply. */
    public static String chunkPattern() {
        return CHUNK.pattern();
    }

    /** The UTF-8 bytes of a token (a copy; none for end-of-text). */
    public byte[] bytes(int token) {
        return bytesOf[token].clone();
    }

    public int vocabSize() {
        return bytesOf.length;
    }

    public int endOfText() {
        return bytesOf.length - 1;
    }

    /** The UTF-8 bytes a token stands for (none for end-of-text). */
    public int byteLength(int token) {
        return bytesOf[token].length;
    }

    public int[] encode(String text) {
        List<int[]> parts = new ArrayList<>();
        int total = 0;
        Matcher m = CHUNK.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() != last) {
                throw new IllegalStateException("tokenizer pattern skipped text at " + last);
            }
            int[] ids = encodeChunk(m.group());
            parts.add(ids);
            total += ids.length;
            last = m.end();
        }
        int[] out = new int[total];
        int p = 0;
        for (int[] ids : parts) {
            System.arraycopy(ids, 0, out, p, ids.length);
            p += ids.length;
        }
        return out;
    }

    private int[] encodeChunk(String chunk) {
        int[] cached = cache.get(chunk);
        if (cached != null) {
            return cached;
        }
        byte[] b = chunk.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            ids[i] = b[i] & 0xFF;
        }
        while (ids.length > 1) {
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < ids.length; i++) {
                Integer r = rank.get(pair(ids[i], ids[i + 1]));
                if (r != null && r < bestRank) {
                    bestRank = r;
                }
            }
            if (bestRank == Integer.MAX_VALUE) {
                break;
            }
            ids = applyMerge(ids, merges[bestRank][0], merges[bestRank][1], 256 + bestRank);
        }
        if (cache.size() < 200_000) {
            cache.put(chunk, ids);
        }
        return ids;
    }

    /** The text of a token sequence; end-of-text tokens decode to nothing. */
    public String decode(int[] tokens) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int t : tokens) {
            if (t < 0 || t >= bytesOf.length) {
                throw new IllegalArgumentException("token " + t + " is outside the vocabulary of " + bytesOf.length);
            }
            out.writeBytes(bytesOf[t]);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    public void save(Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "byte-bpe");
        root.put("vocab_size", vocabSize());
        root.put("end_of_text", endOfText());
        root.put("pattern", CHUNK.pattern());
        ArrayNode list = root.putArray("merges");
        for (int[] m : merges) {
            list.addArray().add(m[0]).add(m[1]);
        }
        try {
            io.jemini.engine.io.AtomicFiles.write(file, JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static ByteBpeTokenizer load(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read tokenizer: " + e.getMessage(), e);
        }
        if (root == null || !"byte-bpe".equals(root.path("type").asText()) || !root.path("merges").isArray()
                || !CHUNK.pattern().equals(root.path("pattern").asText())) {
            throw new IllegalArgumentException(file + ": not a Jemini byte-BPE tokenizer file");
        }
        JsonNode list = root.get("merges");
        int[][] merges = new int[list.size()][];
        for (int i = 0; i < merges.length; i++) {
            JsonNode m = list.get(i);
            int a = m.path(0).asInt(-1);
            int b = m.path(1).asInt(-1);
            if (!m.isArray() || m.size() != 2 || a < 0 || b < 0 || a >= 256 + i || b >= 256 + i) {
                throw new IllegalArgumentException(file + ": merge " + i + " = " + m + " is invalid");
            }
            merges[i] = new int[] {a, b};
        }
        ByteBpeTokenizer t = new ByteBpeTokenizer(merges);
        if (root.path("vocab_size").asInt() != t.vocabSize()) {
            throw new IllegalArgumentException(file + ": vocab_size " + root.path("vocab_size") + " does not match "
                    + merges.length + " merges");
        }
        return t;
    }
}
