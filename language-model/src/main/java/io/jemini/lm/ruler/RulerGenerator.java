package io.jemini.lm.ruler;

import io.jemini.engine.random.Rng;
import io.jemini.lm.data.Needles;
import io.jemini.lm.text.ByteBpeTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes instances of the {@link RulerTask}s, each exactly a requested number of tokens long
 * (prompt and answer together), phrased as completions: the prompt ends where the answer begins,
 * so a small model trained on them answers by continuing the text. Needles, variable assignments
 * and word lists are tokenized piece by piece, the same way in training and in evaluation.
 */
public final class RulerGenerator {
    private static final String NOISE = " The grass is green. The sky is blue. The sun is yellow. Here we go. There and back again.";
    private static final int NEEDLES = 4;
    private static final int HOPS = 4;
    private static final int TOP = 3;

    private final ByteBpeTokenizer tokenizer;
    private final int[] noise;

    public RulerGenerator(ByteBpeTokenizer tokenizer) {
        this.tokenizer = tokenizer;
        this.noise = tokenizer.encode(NOISE);
    }

    public ByteBpeTokenizer tokenizer() {
        return tokenizer;
    }

    /**
     * An instance of {@code task} of exactly {@code length} tokens, its essay text drawn from
     * {@code essay} (repeated as needed), or null when {@code length} is too short to hold it.
     */
    public RulerExample example(RulerTask task, Rng rng, int length, int[] essay) {
        return switch (task) {
            case NIAH_SINGLE_1 -> retrieval(rng, length, noise, RulerWords.Value.NUMBER, 1, 1, 1, false);
            case NIAH_SINGLE_2 -> retrieval(rng, length, essay, RulerWords.Value.NUMBER, 1, 1, 1, false);
            case NIAH_SINGLE_3 -> retrieval(rng, length, essay, RulerWords.Value.UUID, 1, 1, 1, false);
            case NIAH_MULTIKEY_1 -> retrieval(rng, length, essay, RulerWords.Value.NUMBER, NEEDLES, 1, 1, false);
            case NIAH_MULTIKEY_2 -> needlesOnly(rng, length, false);
            case NIAH_MULTIKEY_3 -> needlesOnly(rng, length, true);
            case NIAH_MULTIVALUE -> retrieval(rng, length, essay, RulerWords.Value.NUMBER, 1, NEEDLES, 1, false);
            case NIAH_MULTIQUERY -> retrieval(rng, length, essay, RulerWords.Value.NUMBER, NEEDLES, 1, NEEDLES, true);
            case VT -> variableTracking(rng, length);
            case CWE -> commonWords(rng, length);
            case FWE -> frequentWords(rng, length);
        };
    }

    private static String statement(String key, String value, RulerWords.Value kind) {
        return " One of the special magic " + kind.plural + " for " + key + " is: " + value + ".";
    }

    /**
     * {@code keys} needles with distinct keys ({@code values} values under each) at random depths
     * of {@code filler}; {@code asked} of the keys are asked for, all their values in order of
     * appearance (several keys in random order when {@code multiquery}).
     */
    private RulerExample retrieval(Rng rng, int length, int[] filler, RulerWords.Value kind, int keys, int values, int asked,
                                   boolean multiquery) {
        List<String> names = RulerWords.wordKeys(rng, keys);
        List<String> all = RulerWords.values(rng, kind, keys * values);
        int count = keys * values;
        double[] depths = new double[count];
        for (int i = 0; i < count; i++) {
            depths[i] = rng.nextDouble();
        }
        Arrays.sort(depths);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            order.add(i);
        }
        rng.shuffle(order);
        String[] keyAt = new String[count];
        String[] valueAt = new String[count];
        for (int i = 0; i < count; i++) {
            int needle = order.get(i);
            keyAt[i] = names.get(needle / values);
            valueAt[i] = all.get(needle);
        }
        List<String> askedKeys = new ArrayList<>(names);
        rng.shuffle(askedKeys);
        askedKeys = askedKeys.subList(0, asked);
        List<String> references = new ArrayList<>();
        for (String key : askedKeys) {
            for (int i = 0; i < count; i++) {
                if (keyAt[i].equals(key)) {
                    references.add(valueAt[i]);
                }
            }
        }
        int[][] statements = new int[count][];
        for (int i = 0; i < count; i++) {
            statements[i] = tokenizer.encode(statement(keyAt[i], valueAt[i], kind));
        }
        boolean plural = references.size() > 1;
        String subject = "special magic " + (plural ? kind.plural : kind.singular) + " for " + list(askedKeys);
        String question = (plural ? " What are all the " : " What is the ") + subject + "? The " + subject
                + (plural ? " are" : " is");
        String answer = (multiquery || plural ? " " + String.join(", ", references) : " " + references.get(0)) + ".";
        return interleaved(length, filler, statements, depths, question, answer, references);
    }

    /** "a", "a and b", "a, b and c". */
    private static String list(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** Filler with the statements at their depths, then the question; the answer follows. */
    private RulerExample interleaved(int length, int[] filler, int[][] statements, double[] depths, String question,
                                     String answer, List<String> references) {
        int[] q = tokenizer.encode(question);
        int[] a = tokenizer.encode(answer);
        int fixed = q.length + a.length;
        for (int[] s : statements) {
            fixed += s.length;
        }
        int fillerLength = length - fixed;
        if (fillerLength < 0) {
            return null;
        }
        int[] prompt = new int[length - a.length];
        int written = Needles.interleave(prompt, filler, fillerLength, statements, depths,
                d -> (int) Math.round(d * fillerLength));
        System.arraycopy(q, 0, prompt, written, q.length);
        return new RulerExample(prompt, a, List.copyOf(references));
    }

    /** As many needles as fit and nothing else; one of them is asked for (UUID keys and values with {@code uuids}). */
    private RulerExample needlesOnly(Rng rng, int length, boolean uuids) {
        RulerWords.Value kind = uuids ? RulerWords.Value.UUID : RulerWords.Value.NUMBER;
        String probe = uuids ? "00000000-0000" : "quiet-river";
        int reserve = tokenizer.encode(question(probe, kind)).length + tokenizer.encode(" " + probe + ".").length + 16;
        List<String> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<int[]> body = new ArrayList<>();
        int used = 0;
        while (true) {
            String key = uuids ? RulerWords.uuid(rng) : RulerWords.wordKeys(rng, 1).get(0);
            String value = RulerWords.values(rng, kind, 1).get(0);
            int[] st = tokenizer.encode(statement(key, value, kind));
            if (used + st.length > length - reserve) {
                break;
            }
            if (keys.contains(key) || values.contains(value)) {
                continue;
            }
            keys.add(key);
            values.add(value);
            body.add(st);
            used += st.length;
        }
        if (body.size() < 2) {
            return null;
        }
        int asked = rng.nextInt(body.size());
        while (true) {
            RulerExample e = listed(length, new int[0], body, question(keys.get(asked), kind), " " + values.get(asked) + ".",
                    List.of(values.get(asked)));
            if (e != null || body.size() <= asked + 1) {
                return e;
            }
            body = body.subList(0, body.size() - 1);
        }
    }

    private static String question(String key, RulerWords.Value kind) {
        String subject = "special magic " + kind.singular + " for " + key;
        return " What is the " + subject + "? The " + subject + " is";
    }

    /**
     * Noise padding at the start (whatever the parts leave of {@code length}), the intro, the body's
     * pieces — as many as fit, from the first — then the question; null when nothing fits.
     */
    private RulerExample listed(int length, int[] intro, List<int[]> body, String question, String answer,
                                List<String> references) {
        int[] q = tokenizer.encode(question);
        int[] a = tokenizer.encode(answer);
        int used = intro.length + q.length + a.length;
        int pieces = 0;
        for (int[] piece : body) {
            if (used + piece.length > length) {
                break;
            }
            used += piece.length;
            pieces++;
        }
        if (pieces < body.size()) {
            return null;
        }
        int[] prompt = new int[length - a.length];
        int p = 0;
        for (int i = 0; i < length - used; i++) {
            prompt[p++] = noise[i % noise.length];
        }
        System.arraycopy(intro, 0, prompt, p, intro.length);
        p += intro.length;
        for (int[] piece : body) {
            System.arraycopy(piece, 0, prompt, p, piece.length);
            p += piece.length;
        }
        System.arraycopy(q, 0, prompt, p, q.length);
        return new RulerExample(prompt, a, List.copyOf(references));
    }

    /** A value, then a chain of {@value #HOPS} assignments passing it on, at increasing depths of noise text. */
    private RulerExample variableTracking(Rng rng, int length) {
        List<String> names = new ArrayList<>();
        while (names.size() < HOPS + 1) {
            String v = RulerWords.variable(rng);
            if (!names.contains(v)) {
                names.add(v);
            }
        }
        String value = Integer.toString(10_000 + rng.nextInt(90_000));
        int[][] statements = new int[HOPS + 1][];
        statements[0] = tokenizer.encode(" VAR " + names.get(0) + " = " + value + ".");
        for (int i = 1; i <= HOPS; i++) {
            statements[i] = tokenizer.encode(" VAR " + names.get(i) + " = VAR " + names.get(i - 1) + ".");
        }
        double[] depths = new double[HOPS + 1];
        for (int i = 0; i < depths.length; i++) {
            depths[i] = rng.nextDouble();
        }
        Arrays.sort(depths);
        String question = " Question: Which variables are assigned the value " + value + " in the text above? Answer: "
                + "The " + (HOPS + 1) + " variables assigned the value " + value + " are:";
        return interleaved(length, noise, statements, depths, question, " " + String.join(" ", names) + ".", names);
    }

    /**
     * A list of everyday nouns in which {@value #TOP} appear more often than any other (each at least
     * two more times than the most repeated of the rest).
     */
    private RulerExample commonWords(Rng rng, int length) {
        int[] intro = tokenizer.encode(" Below is a list of words. Some of them appear more often than the others.");
        String question = " Question: What are the " + TOP + " most common words in the list above? Answer: The " + TOP
                + " most common words are:";
        List<String> pool = new ArrayList<>(RulerWords.LIST_NOUNS);
        rng.shuffle(pool);
        List<String> common = pool.subList(0, TOP);
        List<String> rare = pool.subList(TOP, pool.size());
        return aggregation(rng, length, intro, question, common, slots -> {
            int rareRepeats = 1 + (7 * slots / 10) / rare.size();
            int commonRepeats = Math.max(rareRepeats + 2, slots / 10);
            List<String> words = new ArrayList<>();
            for (String w : common) {
                for (int i = 0; i < commonRepeats; i++) {
                    words.add(w);
                }
            }
            for (int i = 0; words.size() < slots && i < rare.size() * rareRepeats; i++) {
                words.add(rare.get(i % rare.size()));
            }
            return words;
        });
    }

    /** Coded words with Zipf (α = 2) frequencies; the {@value #TOP} most frequent are asked for. */
    private RulerExample frequentWords(Rng rng, int length) {
        int[] intro = tokenizer.encode(" Read the following coded text and track the frequency of each coded word.");
        String question = " Question: What are the " + TOP + " most frequent coded words in the text above? Answer: The "
                + TOP + " most frequent coded words are:";
        List<String> coded = RulerWords.coded(rng, Math.max(TOP + 3, length / 8));
        return aggregation(rng, length, intro, question, coded.subList(0, TOP), slots -> {
            int distinct = Math.min(coded.size(), Math.max(TOP + 3, slots / 4));
            double norm = 0;
            for (int r = 1; r <= distinct; r++) {
                norm += 1.0 / (r * (double) r);
            }
            List<String> words = new ArrayList<>();
            for (int r = 1; r <= distinct; r++) {
                int times = Math.max(1, (int) Math.round(slots / (r * (double) r) / norm));
                for (int i = 0; i < times; i++) {
                    words.add(coded.get(r - 1));
                }
            }
            return words;
        });
    }

    /**
     * The longest word list {@code wordsFor(slots)} that fits {@code length} with the intro, the
     * question and the answer and still ranks {@code answerWords} strictly first, shuffled, with the
     * answer in order of first appearance; null when even a short list does not fit.
     */
    private RulerExample aggregation(Rng rng, int length, int[] intro, String question, List<String> answerWords,
                                     java.util.function.IntFunction<List<String>> wordsFor) {
        int budget = length - intro.length - tokenizer.encode(question).length - tokenizer.encode(
                " " + String.join(" ", answerWords) + ".").length;
        for (int slots = budget; slots >= 4 * TOP; slots = slots * 9 / 10) {
            List<String> words = new ArrayList<>(wordsFor.apply(slots));
            List<int[]> body = new ArrayList<>();
            int used = 0;
            for (String w : words) {
                int[] t = tokenizer.encode(" " + w);
                body.add(t);
                used += t.length;
            }
            if (used > budget || !ranked(words, answerWords)) {
                continue;
            }
            Integer[] order = new Integer[words.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            List<Integer> shuffled = new ArrayList<>(Arrays.asList(order));
            rng.shuffle(shuffled);
            List<String> shuffledWords = new ArrayList<>();
            List<int[]> shuffledBody = new ArrayList<>();
            for (int i : shuffled) {
                shuffledWords.add(words.get(i));
                shuffledBody.add(body.get(i));
            }
            List<String> ordered = new ArrayList<>(answerWords);
            ordered.sort(java.util.Comparator.comparingInt(shuffledWords::indexOf));
            return listed(length, intro, shuffledBody, question, " " + String.join(" ", ordered) + ".", ordered);
        }
        return null;
    }

    /** Whether every answer word appears strictly more often in {@code words} than every other word. */
    private static boolean ranked(List<String> words, List<String> answerWords) {
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        words.forEach(w -> counts.merge(w, 1, Integer::sum));
        int weakest = answerWords.stream().mapToInt(w -> counts.getOrDefault(w, 0)).min().orElse(0);
        int strongestOther = counts.entrySet().stream().filter(e -> !answerWords.contains(e.getKey()))
                .mapToInt(java.util.Map.Entry::getValue).max().orElse(0);
        return weakest > strongestOther;
    }
}
