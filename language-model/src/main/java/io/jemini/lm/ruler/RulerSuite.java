package io.jemini.lm.ruler;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.engine.random.Rng;
import io.jemini.lm.eval.GreedyReader;
import io.jemini.lm.model.TransformerLm;
import java.util.List;
import java.util.Locale;

/**
 * The RULER-style table: every task at every context length, {@code samples} fresh instances per
 * cell, answered greedily (a few tokens more than the reference answer) and scored two ways:
 * exact match — every reference string appears in the answer — and RULER's partial
 * {@code string_match_all}, the share of reference strings that appear. A cell a length cannot hold
 * is null.
 */
public final class RulerSuite {
    /** Tokens decoded beyond the reference answer's length, so an answer split differently still fits. */
    static final int SLACK = 4;

    private RulerSuite() {
    }

    /**
     * {"tasks", "families", "lengths", "samples", "accuracy" {task: [per length]}, "match" {...},
     * "chars_in_place" {...},
     * "mean_accuracy" [per length, over the tasks that fit], "answers" {task: the first instance's
     * length, references and greedy answer, to read what the model says}}.
     */
    public static ObjectNode evaluate(TransformerLm lm, RulerGenerator generator, int[] essay, int[] lengths, int samples,
                                      int context, long seed) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode tasks = out.putArray("tasks");
        ArrayNode families = out.putArray("families");
        ArrayNode lengthsNode = out.putArray("lengths");
        for (int length : lengths) {
            lengthsNode.add(length);
        }
        out.put("samples", samples);
        ObjectNode accuracy = out.putObject("accuracy");
        ObjectNode match = out.putObject("match");
        ObjectNode chars = out.putObject("chars_in_place");
        ObjectNode answers = out.putObject("answers");
        double[] sum = new double[lengths.length];
        int[] counted = new int[lengths.length];
        for (RulerTask task : RulerTask.values()) {
            tasks.add(task.key());
            families.add(task.family());
            ArrayNode acc = accuracy.putArray(task.key());
            ArrayNode part = match.putArray(task.key());
            ArrayNode placed = chars.putArray(task.key());
            for (int li = 0; li < lengths.length; li++) {
                int length = lengths[li];
                Rng rng = new Rng(seed ^ ((task.ordinal() + 1L) * 1_000_003L + length) * 0x9E3779B97F4A7C15L);
                double exact = 0;
                double share = 0;
                double inPlace = 0;
                boolean fits = true;
                int extra = Math.min(SLACK, context - length);
                GreedyReader reader = new GreedyReader(lm, length + Math.max(extra, 0));
                for (int s = 0; s < samples && fits; s++) {
                    RulerExample e = generator.example(task, rng, length, essay);
                    if (e == null) {
                        fits = false;
                        break;
                    }
                    reader.rewind(0);
                    reader.read(e.prompt(), null);
                    String answer = generator.tokenizer().decode(reader.greedy(e.answer().length + Math.max(extra, 0)));
                    double found = found(answer, e.references());
                    if (!answers.has(task.key())) {
                        ObjectNode example = answers.putObject(task.key());
                        example.put("length", length);
                        e.references().forEach(example.putArray("references")::add);
                        example.put("answer", answer);
                    }
                    exact += found == 1 ? 1 : 0;
                    share += found;
                    inPlace += inPlace(answer, e.references());
                }
                if (!fits) {
                    acc.addNull();
                    part.addNull();
                    placed.addNull();
                    continue;
                }
                acc.add(exact / samples);
                part.add(share / samples);
                placed.add(inPlace / samples);
                sum[li] += exact / samples;
                counted[li]++;
            }
        }
        ArrayNode mean = out.putArray("mean_accuracy");
        for (int li = 0; li < lengths.length; li++) {
            if (counted[li] == 0) {
                mean.addNull();
            } else {
                mean.add(sum[li] / counted[li]);
            }
        }
        return out;
    }

    /**
     * Partial credit below exact match: the answer's items (split at spaces, commas and full
     * stops) against the references in order, the share of reference characters reproduced in
     * their place — 1 for a right answer, about 0.1 for random digits.
     */
    static double inPlace(String answer, List<String> references) {
        String[] items = java.util.Arrays.stream(answer.trim().split("[ ,.\\n]+")).filter(x -> !x.isEmpty())
                .toArray(String[]::new);
        int right = 0;
        int total = 0;
        for (int r = 0; r < references.size(); r++) {
            String want = references.get(r).toLowerCase(Locale.ROOT);
            String got = r < items.length ? items[r].toLowerCase(Locale.ROOT) : "";
            for (int i = 0; i < want.length(); i++) {
                right += i < got.length() && got.charAt(i) == want.charAt(i) ? 1 : 0;
            }
            total += want.length();
        }
        return (double) right / total;
    }

    /** The share of {@code references} that appear in {@code answer}, ignoring case (RULER's string_match_all). */
    static double found(String answer, List<String> references) {
        String a = answer.toLowerCase(Locale.ROOT);
        long hits = references.stream().filter(r -> a.contains(r.toLowerCase(Locale.ROOT))).count();
        return (double) hits / references.size();
    }
}
