package io.jemini.lm.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.engine.config.ConfigException;
import io.jemini.engine.random.Rng;
import io.jemini.lm.data.Needles;
import io.jemini.lm.model.TransformerLm;
import io.jemini.lm.training.LmRunConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Needle-in-a-haystack evaluations (Gemini 1.5 §5.2.1): a length × depth grid with one fresh
 * needle per cell, and a multi-needle test asking for every one of {@code needles} needles per
 * length, with distinct or similar keys. A length counts every token the model holds: filler,
 * needles, question and the decoded answer. Answers are greedy, scored by exact match of the digits.
 */
public final class NeedleSuite {
    /** Tokens decoded for an answer: room for seven digits split into pieces and the full stop. */
    static final int ANSWER_TOKENS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private NeedleSuite() {
    }

    /** Context lengths log-spaced from min to max inclusive, rounded, without repeats. */
    public static int[] lengths(LmRunConfig.LongContext l) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < l.lengths(); i++) {
            double f = l.lengths() == 1 ? 1 : (double) i / (l.lengths() - 1);
            int v = (int) Math.round(l.minLength() * Math.pow((double) l.maxLength() / l.minLength(), f));
            if (out.isEmpty() || out.get(out.size() - 1) != v) {
                out.add(v);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The length × depth grid: {"lengths", "depths", "cells": [[hit 0/1 per depth] per length], "recall"}. */
    public static ObjectNode grid(TransformerLm lm, Haystack haystack, LmRunConfig.LongContext l, long seed) {
        int[] lengths = lengths(l);
        int room = room(haystack, 1);
        if (lengths[0] < room) {
            throw new ConfigException("long_context", List.of("long_context.min_length = " + lengths[0] + " is not allowed: "
                    + "the needle, the question and the answer need at least " + room + " tokens with this tokenizer"));
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode depthsNode = out.putArray("depths");
        double[] depths = new double[l.depths()];
        for (int d = 0; d < depths.length; d++) {
            depths[d] = (double) d / (depths.length - 1);
            depthsNode.add(100 * depths[d]);
        }
        ArrayNode lengthsNode = out.putArray("lengths");
        ArrayNode cells = out.putArray("cells");
        ArrayNode answers = out.putArray("answers");
        ArrayNode expected = out.putArray("numbers");
        int hits = 0;
        for (int length : lengths) {
            lengthsNode.add(length);
            ArrayNode row = cells.addArray();
            ArrayNode said = answers.addArray();
            ArrayNode truth = expected.addArray();
            GreedyReader reader = new GreedyReader(lm, length);
            for (int d = 0; d < depths.length; d++) {
                Rng rng = new Rng(seed ^ (length * 1_000_003L + d) * 0x9E3779B97F4A7C15L);
                Needles.Needle needle = Needles.draw(rng, 1, false).get(0);
                int[] question = haystack.tokenizer().encode(needle.question());
                int[] prompt = haystack.build(length - ANSWER_TOKENS, List.of(needle), new double[] {depths[d]}, question);
                reader.rewind(0);
                reader.read(prompt, null);
                String answer = haystack.tokenizer().decode(reader.greedy(ANSWER_TOKENS));
                boolean hit = Needles.digits(answer).equals(needle.number());
                hits += hit ? 1 : 0;
                row.add(hit ? 1 : 0);
                said.add(answer);
                truth.add(needle.number());
            }
        }
        out.put("recall", (double) hits / (lengths.length * depths.length));
        out.put("digit_accuracy", digitAccuracy(answers, expected));
        return out;
    }

    /**
     * Per length, {@code depths} contexts (trials) of {@code needles} needles, one in each equal
     * slice of the context at a random depth within it, each needle asked for in turn after the
     * same context: {"lengths", "recall": [fraction per length], "recall_similar_keys": [...]},
     * and {"wrong_needle", "wrong_needle_similar_keys"}: the share of answers that give another
     * needle's number — a model that copies any number in view instead of matching the key scores
     * there, so recall above it is evidence of key matching.
     */
    public static ObjectNode multi(TransformerLm lm, Haystack haystack, LmRunConfig.LongContext l, long seed) {
        int[] all = lengths(l);
        int room = room(haystack, l.needles());
        int[] lengths = Arrays.stream(all).filter(n -> n >= room).toArray();
        if (lengths.length == 0) {
            throw new ConfigException("long_context", List.of("long_context.max_length = " + l.maxLength() + " is not allowed: "
                    + l.needles() + " needle(s), the question and the answer need at least " + room
                    + " tokens with this tokenizer; raise it or lower long_context.needles"));
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("needles", l.needles());
        ArrayNode skipped = out.putArray("skipped_lengths");
        Arrays.stream(all).filter(n -> n < room).forEach(skipped::add);
        ArrayNode lengthsNode = out.putArray("lengths");
        for (int length : lengths) {
            lengthsNode.add(length);
        }
        for (boolean similar : new boolean[] {false, true}) {
            ArrayNode recall = out.putArray(similar ? "recall_similar_keys" : "recall");
            ArrayNode wrongNeedle = out.putArray(similar ? "wrong_needle_similar_keys" : "wrong_needle");
            for (int length : lengths) {
                int hits = 0;
                int confused = 0;
                int asked = 0;
                GreedyReader reader = new GreedyReader(lm, length);
                for (int trial = 0; trial < l.depths(); trial++) {
                    Rng rng = new Rng(seed ^ ((length * 7_919L + trial) * 2 + (similar ? 1 : 0)) * 0x9E3779B97F4A7C15L);
                    List<Needles.Needle> needles = Needles.draw(rng, l.needles(), similar);
                    double[] depths = new double[needles.size()];
                    for (int i = 0; i < depths.length; i++) {
                        depths[i] = (i + rng.nextDouble()) / depths.length;
                    }
                    int[][] questions = new int[needles.size()][];
                    int longest = 0;
                    for (int i = 0; i < questions.length; i++) {
                        questions[i] = haystack.tokenizer().encode(needles.get(i).question());
                        longest = Math.max(longest, questions[i].length);
                    }
                    reader.rewind(0);
                    reader.read(haystack.build(length - longest - ANSWER_TOKENS, needles, depths, new int[0]), null);
                    int shared = reader.length();
                    for (int q = 0; q < questions.length; q++) {
                        Needles.Needle n = needles.get(q);
                        reader.rewind(shared);
                        reader.read(questions[q], null);
                        String answer = Needles.digits(haystack.tokenizer().decode(reader.greedy(ANSWER_TOKENS)));
                        hits += answer.equals(n.number()) ? 1 : 0;
                        confused += needles.stream().anyMatch(o -> o != n && o.number().equals(answer)) ? 1 : 0;
                        asked++;
                    }
                }
                recall.add((double) hits / asked);
                wrongNeedle.add((double) confused / asked);
            }
        }
        return out;
    }

    /** The share of the needles' digits the answers reproduce in place (partial credit; recall is exact match). */
    static double digitAccuracy(ArrayNode answers, ArrayNode numbers) {
        int right = 0;
        int total = 0;
        for (int l = 0; l < numbers.size(); l++) {
            for (int d = 0; d < numbers.get(l).size(); d++) {
                String want = numbers.get(l).get(d).asText();
                String got = answers.get(l).get(d).asText().replaceAll("[^0-9]", "");
                for (int i = 0; i < want.length(); i++) {
                    right += i < got.length() && got.charAt(i) == want.charAt(i) ? 1 : 0;
                    total++;
                }
            }
        }
        return total == 0 ? Double.NaN : (double) right / total;
    }

    /** A config error when the shortest context cannot hold the needles and a question. */
    /** The shortest context that holds {@code needles} needles, the question and the answer, with a little filler. */
    private static int room(Haystack haystack, int needles) {
        Needles.Needle probe = new Needles.Needle("first Santiago", "1234567");
        return needles * haystack.tokenizer().encode(probe.statement()).length
                + haystack.tokenizer().encode(probe.question()).length + ANSWER_TOKENS + 8;
    }
}
