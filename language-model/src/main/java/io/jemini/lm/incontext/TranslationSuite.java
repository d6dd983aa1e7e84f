package io.jemini.lm.incontext;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.engine.config.UsageException;
import io.jemini.engine.random.Rng;
import io.jemini.lm.eval.GreedyReader;
import io.jemini.lm.model.TransformerLm;
import io.jemini.lm.text.ByteBpeTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * In-context translation on held-out languages (the Kalamang experiment at laptop scale): each of
 * {@code languages} languages never seen in training is given to the model with no book, with parts
 * of its book, and with the word list, the grammar and a growing number of parallel examples; the
 * same test sentences are translated greedily under every condition and scored by exact match and
 * chrF. Ablations leave out the word list, the grammar, or both, at a fixed number of examples.
 */
public final class TranslationSuite {
    /** Tokens decoded beyond the reference translation's length. */
    static final int SLACK = 6;

    /** One prompt condition. */
    public record Condition(String name, Book.Parts parts) {
    }

    private TranslationSuite() {
    }

    /** The conditions: no book, each part alone, word list and grammar, then + k examples, then the ablations at {@code ablation}. */
    public static List<Condition> conditions(List<Integer> shots, int ablation) {
        List<Condition> out = new ArrayList<>(List.of(new Condition("no book", new Book.Parts(false, false, 0)),
                new Condition("word list", new Book.Parts(true, false, 0)),
                new Condition("grammar", new Book.Parts(false, true, 0)),
                new Condition("word list + grammar", new Book.Parts(true, true, 0))));
        for (int k : shots) {
            if (k > 0) {
                out.add(new Condition("word list + grammar + " + k + " examples", new Book.Parts(true, true, k)));
            }
        }
        out.add(new Condition("word list + " + ablation + " examples", new Book.Parts(true, false, ablation)));
        out.add(new Condition("grammar + " + ablation + " examples", new Book.Parts(false, true, ablation)));
        out.add(new Condition(ablation + " examples", new Book.Parts(false, false, ablation)));
        return out;
    }

    /**
     * {"languages", "sentences", "conditions": [{"name", "words", "grammar", "examples", "book_tokens"
     * (mean), "longest_prompt" (book, sentence, translation and slack), "exact", "chrf"}], "samples": {"condition", "translations": [a few]}}, the samples from
     * the fullest word list + grammar condition whose prompts fit {@code trainedLength}.
     * A condition whose prompt would not fit {@code context} is refused before anything runs.
     */
    public static ObjectNode evaluate(TransformerLm lm, ByteBpeTokenizer tokenizer, Languages languages, int count, int sentences,
                                      List<Integer> shots, int ablation, int context, int trainedLength, long seed) {
        List<Condition> conditions = conditions(shots, ablation);
        int most = Math.max(ablation, shots.stream().mapToInt(Integer::intValue).max().orElse(0));
        List<Book> books = new ArrayList<>();
        List<List<Sentence>> tests = new ArrayList<>();
        Rng rng = new Rng(seed);
        for (int l = 0; l < count; l++) {
            books.add(languages.book(rng, most));
            List<Sentence> s = new ArrayList<>();
            for (int i = 0; i < sentences; i++) {
                s.add(languages.sentence(rng));
            }
            tests.add(s);
        }
        Condition sampled = conditions.get(3);
        java.util.Map<Condition, Integer> longest = new java.util.HashMap<>();
        for (Condition c : conditions) {
            int needed = 0;
            for (int l = 0; l < count; l++) {
                int book = tokenizer.encode(books.get(l).text(c.parts())).length;
                for (Sentence s : tests.get(l)) {
                    needed = Math.max(needed, book + tokenizer.encode(Book.question(s)).length
                            + tokenizer.encode(books.get(l).answer(s)).length + SLACK);
                }
            }
            longest.put(c, needed);
            if (c.parts().words() && c.parts().grammar() && needed <= trainedLength
                    && c.parts().examples() >= sampled.parts().examples()) {
                sampled = c;
            }
            if (needed > context) {
                throw new UsageException("the condition '" + c.name() + "' needs up to " + needed + " tokens (book, test "
                        + "sentence and its translation) but model.context allows " + context + "; lower languages.shots or "
                        + "languages.ablation_examples, or raise model.context");
            }
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("languages", count);
        out.put("sentences", sentences);
        ArrayNode rows = out.putArray("conditions");
        GreedyReader reader = new GreedyReader(lm, context);
        ObjectNode sample = out.putObject("samples");
        sample.put("condition", sampled.name());
        ArrayNode samples = sample.putArray("translations");
        for (Condition c : conditions) {
            double exact = 0;
            double chrf = 0;
            long bookTokens = 0;
            for (int l = 0; l < count; l++) {
                Book book = books.get(l);
                int[] prefix = tokenizer.encode(book.text(c.parts()));
                bookTokens += prefix.length;
                reader.rewind(0);
                if (prefix.length > 0) {
                    reader.read(prefix, null);
                }
                int shared = reader.length();
                for (Sentence s : tests.get(l)) {
                    reader.rewind(shared);
                    reader.read(tokenizer.encode(Book.question(s)), null);
                    String reference = book.answer(s).trim();
                    String said = tokenizer.decode(reader.greedy(tokenizer.encode(book.answer(s)).length + SLACK));
                    String hypothesis = firstSentence(said);
                    exact += hypothesis.equals(reference) ? 1 : 0;
                    chrf += Chrf.score(hypothesis, reference);
                    if (c == sampled && samples.size() < 5) {
                        samples.addObject().put("english", s.english()).put("reference", reference).put("model", hypothesis);
                    }
                }
            }
            int n = count * sentences;
            rows.addObject().put("name", c.name()).put("words", c.parts().words()).put("grammar", c.parts().grammar())
                    .put("examples", c.parts().examples()).put("book_tokens", (double) bookTokens / count)
                    .put("longest_prompt", longest.get(c))
                    .put("exact", exact / n).put("chrf", chrf / n);
        }
        return out;
    }

    /** The answer up to and including its first " ." (the end of a translation), trimmed. */
    static String firstSentence(String said) {
        int end = said.indexOf(" .");
        return (end >= 0 ? said.substring(0, end + 2) : said).trim();
    }

    /** The conditions as a table: book tokens, exact match and chrF. */
    public static String table(com.fasterxml.jackson.databind.JsonNode r) {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%d held-out languages × %d test sentences, greedy "
                + "translation.%n%n| in context | book tokens | exact match | chrF |%n|---|---|---|---|%n",
                r.path("languages").asInt(), r.path("sentences").asInt()));
        for (var c : r.path("conditions")) {
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.3f | %.1f |%n", c.path("name").asText(),
                    c.path("book_tokens").asDouble(), c.path("exact").asDouble(), c.path("chrf").asDouble()));
        }
        var samples = r.path("samples");
        if (samples.has("translations") && !samples.path("translations").isEmpty()) {
            md.append(String.format(Locale.ROOT, "%nGreedy translations with %s in context:%n%n", samples.path("condition")
                    .asText()));
            for (var t : samples.path("translations")) {
                md.append(String.format(Locale.ROOT, "- %s → `%s` (reference `%s`)%n", t.path("english").asText(),
                        t.path("model").asText(), t.path("reference").asText()));
            }
        }
        return md.toString();
    }
}
