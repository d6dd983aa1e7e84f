package io.jemini.lm.ruler;

import io.jemini.engine.random.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The material of the synthetic tasks, drawn from a seed: "adjective-noun" keys, 7-digit numbers,
 * UUID-like strings, variable names, coded (nonsense) words and the nouns of the common-words lists.
 */
final class RulerWords {
    static final List<String> ADJECTIVES = List.of("quiet", "bright", "hollow", "ancient", "brave", "calm", "crooked",
            "distant", "eager", "fierce", "gentle", "golden", "hidden", "humble", "icy", "jolly", "lively", "lonely", "mellow",
            "narrow", "noble", "odd", "pale", "proud", "rapid", "rough", "rusty", "silent", "silver", "sleepy", "smooth",
            "solid", "steady", "sticky", "swift", "tall", "tender", "tiny", "vast", "wild");
    static final List<String> NOUNS = List.of("river", "garden", "window", "lantern", "harbor", "meadow", "castle", "pencil",
            "valley", "engine", "forest", "island", "kettle", "ladder", "mirror", "needle", "orchard", "pillow", "quarry",
            "ribbon", "saddle", "temple", "tunnel", "violin", "wagon", "basket", "candle", "desert", "feather", "glacier",
            "hammer", "jacket", "marble", "planet", "rocket", "shadow", "spoon", "thunder", "village", "whistle");

    /** Everyday English nouns: the lists of the common-words task ({@code cwe}) are drawn from them. */
    static final List<String> LIST_NOUNS = List.of(
            "apple", "arrow", "autumn", "bakery", "balloon", "banana", "barrel", "beach", "bear", "bell", "bicycle",
            "blanket", "bottle", "bread", "bridge", "brush", "bucket", "butter", "button", "cabin", "camera", "canal",
            "carpet", "carrot", "chair", "chalk", "cheese", "cherry", "chicken", "circle", "clock", "cloud", "coat",
            "coffee", "collar", "copper", "corner", "cotton", "cousin", "cradle", "crown", "curtain", "cushion",
            "dinner", "doctor", "dolphin", "donkey", "drawer", "dress", "drum", "eagle", "elbow", "envelope", "falcon",
            "fence", "finger", "flower", "forest", "fountain", "frog", "furnace", "ginger", "glove", "goat", "grape",
            "guitar", "hammock", "helmet", "honey", "horse", "hotel", "jelly", "jungle", "kitchen", "knife", "ladder",
            "lemon", "library", "lizard", "magnet", "mango", "market", "melon", "mitten", "monkey", "motor",
            "mountain", "mouse", "napkin", "nest", "ocean", "office", "onion", "orange", "oven", "owl", "paddle",
            "palace", "paper", "parrot", "peach", "pepper", "piano", "pigeon", "pirate", "plate", "pocket", "potato",
            "puppet", "rabbit", "radio", "rainbow", "robin", "saucer", "school", "scissors", "shelf", "shovel", "sock",
            "soldier", "spider", "sponge", "squirrel", "station", "stove", "sugar", "sweater", "table", "tiger",
            "toast", "tomato", "towel", "tractor", "trumpet", "turtle", "umbrella", "vase", "wallet", "walrus",
            "whale", "wheel", "wolf", "yogurt", "zebra");

    private RulerWords() {
    }

    /** {@code n} distinct keys "adjective-noun". */
    static List<String> wordKeys(Rng rng, int n) {
        List<String> out = new ArrayList<>();
        while (out.size() < n) {
            String k = ADJECTIVES.get(rng.nextInt(ADJECTIVES.size())) + "-" + NOUNS.get(rng.nextInt(NOUNS.size()));
            if (!out.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }

    /** A 7-digit number, no leading zero. */
    static String number(Rng rng) {
        return Integer.toString(1_000_000 + rng.nextInt(9_000_000));
    }

    /** A UUID-like string: 8 then 4 hexadecimal digits ("3f9a1c2e-77b0"), the short form of a UUID. */
    static String uuid(Rng rng) {
        return String.format(Locale.ROOT, "%08x-%04x", rng.nextLong() & 0xFFFFFFFFL, rng.nextInt(0x10000));
    }

    /** {@code n} distinct values of {@code kind}. */
    static List<String> values(Rng rng, Value kind, int n) {
        List<String> out = new ArrayList<>();
        while (out.size() < n) {
            String v = kind == Value.NUMBER ? number(rng) : uuid(rng);
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    /** A variable name: five capital letters. */
    static String variable(Rng rng) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            s.append((char) ('A' + rng.nextInt(26)));
        }
        return s.toString();
    }

    /** {@code n} distinct coded words: three to five lowercase letters. */
    static List<String> coded(Rng rng, int n) {
        List<String> out = new ArrayList<>();
        while (out.size() < n) {
            StringBuilder s = new StringBuilder();
            int len = 3 + rng.nextInt(3);
            for (int i = 0; i < len; i++) {
                s.append((char) ('a' + rng.nextInt(26)));
            }
            if (!out.contains(s.toString())) {
                out.add(s.toString());
            }
        }
        return out;
    }

    /** What a needle's value is. */
    enum Value {
        NUMBER("number", "numbers"), UUID("uuid", "uuids");

        final String singular;
        final String plural;

        Value(String singular, String plural) {
            this.singular = singular;
            this.plural = plural;
        }
    }
}
