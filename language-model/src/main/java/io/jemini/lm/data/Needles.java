package io.jemini.lm.data;

import io.jemini.engine.random.Rng;
import io.jemini.lm.text.ByteBpeTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Gemini 1.5 needle: "The special magic {key} number is: {number}." with a 7-digit number,
 * and its question, which ends where the answer's digits begin. Keys are city names; similar
 * keys share one city and differ in an ordinal word ("first Lisbon", "second Lisbon"), the
 * interference test of multi-round co-reference.
 */
public final class Needles {
    public static final List<String> CITIES = List.of("Lisbon", "Oslo", "Cairo", "Lima", "Dublin", "Prague", "Nairobi",
            "Hanoi", "Quito", "Vienna", "Havana", "Manila", "Kyoto", "Tunis", "Riga", "Sofia", "Accra", "Dakar", "Perth",
            "Boston", "Denver", "Austin", "Madrid", "Berlin", "Paris", "Rome", "Athens", "Warsaw", "Bogota", "Santiago",
            "Toronto", "Seattle", "Chicago", "Phoenix", "Atlanta", "Geneva", "Munich", "Naples", "Porto", "Seville",
            "Krakow", "Tallinn", "Vilnius", "Minsk", "Kiev", "Ankara", "Tehran", "Kabul", "Delhi", "Mumbai");
    public static final List<String> ORDINALS = List.of("first", "second", "third", "fourth", "fifth", "sixth", "seventh",
            "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
            "seventeenth", "eighteenth", "nineteenth", "twentieth");
    public static final int DIGITS = 7;
    private static final Pattern NUMBER = Pattern.compile("\\d{" + DIGITS + "}");

    /** One needle: its key and its number. */
    public record Needle(String key, String number) {
        public String statement() {
            return " The special magic " + key + " number is: " + number + ".";
        }

        /** The question; the answer's digits follow it directly. */
        public String question() {
            return " What is the special magic " + key + " number? The special magic " + key + " number is:";
        }

        public String answer() {
            return " " + number + ".";
        }
    }

    private Needles() {
    }

    /** A fresh 7-digit number (no leading zero). */
    public static String number(Rng rng) {
        return String.format(Locale.ROOT, "%d", 1_000_000 + rng.nextInt(9_000_000));
    }

    /**
     * {@code n} needles with distinct numbers: distinct cities, or (similar) one city with
     * ordinal words (at most twenty).
     */
    public static List<Needle> draw(Rng rng, int n, boolean similar) {
        int limit = similar ? ORDINALS.size() : CITIES.size();
        if (n > limit) {
            throw new IllegalArgumentException(n + " needles is more than the " + limit + " " + (similar ? "ordinals" : "cities")
                    + " there are keys for");
        }
        List<String> cities = new ArrayList<>(CITIES);
        rng.shuffle(cities);
        List<Needle> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String key = similar ? ORDINALS.get(i) + " " + cities.get(0) : cities.get(i);
            out.add(new Needle(key, number(rng)));
        }
        return out;
    }

    /** The first run of {@value #DIGITS} digits in {@code text}, or "" (exact-match scoring, no judge). */
    public static String digits(String text) {
        Matcher m = NUMBER.matcher(text);
        return m.find() ? m.group() : "";
    }

    /** Each needle's statement, tokenized. */
    public static int[][] statements(ByteBpeTokenizer tokenizer, List<Needle> needles) {
        int[][] out = new int[needles.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = tokenizer.encode(needles.get(i).statement());
        }
        return out;
    }

    /**
     * Writes {@code fillerLength} filler tokens ({@code filler} repeated as needed) into {@code out}
     * from position 0, with statement {@code i} inserted before filler token
     * {@code offset(depths[i])}; statements go in order of depth (ties in index order), so
     * {@code offset} must not decrease with depth. Returns the number of tokens written.
     */
    public static int interleave(int[] out, int[] filler, int fillerLength, int[][] statements, double[] depths,
                                 DoubleToIntFunction offset) {
        Integer[] order = new Integer[statements.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> depths[i]));
        int written = 0;
        int read = 0;
        for (int i : order) {
            for (int at = offset.applyAsInt(depths[i]); read < at; read++) {
                out[written++] = filler[read % filler.length];
            }
            System.arraycopy(statements[i], 0, out, written, statements[i].length);
            written += statements[i].length;
        }
        for (; read < fillerLength; read++) {
            out[written++] = filler[read % filler.length];
        }
        return written;
    }
}
