package io.jemini.lm.incontext;

import io.jemini.engine.ops.Indices;
import io.jemini.engine.ops.Losses;
import io.jemini.engine.random.Rng;
import io.jemini.lm.data.BatchSource;
import io.jemini.lm.text.ByteBpeTokenizer;

/**
 * Meta-training windows for in-context translation: every window is a freshly invented language —
 * part of its book (the word list, the grammar and up to {@code maxExamples} examples, each part
 * present or not at random so every condition is seen; examples are halved until the book takes at
 * most three quarters of the window), then as many sentences to translate as fit, scored on the
 * translations alone. No language repeats, so nothing can be learned about any
 * one language's words; only how to read a book. Windows are functions of the seed and the batch's
 * position, so resumed runs see the same batches.
 */
public final class TranslationBatches implements BatchSource {
    private final ByteBpeTokenizer tokenizer;
    private final Languages languages;
    private final long seed;
    private long drawn;

    public TranslationBatches(ByteBpeTokenizer tokenizer, Languages languages, long seed) {
        this.tokenizer = tokenizer;
        this.languages = languages;
        this.seed = seed;
    }

    @Override
    public Indices[] next(int batch, int seq) {
        int[] in = new int[batch * seq];
        int[] target = new int[batch * seq];
        Rng rng = new Rng(seed ^ (++drawn * 0x9E3779B97F4A7C15L));
        for (int b = 0; b < batch; b++) {
            window(rng, seq, in, target, b * seq);
        }
        return new Indices[] {Indices.of(in, batch, seq), Indices.of(target, batch, seq)};
    }

    /** Writes one window's inputs and targets at {@code offset}: book, then translations until the window is full. */
    private void window(Rng rng, int seq, int[] in, int[] target, int offset) {
        Book book = languages.book(rng);
        Book.Parts parts = new Book.Parts(rng.nextDouble() < 0.75, rng.nextDouble() < 0.6,
                rng.nextInt(languages.maxExamples() + 1));
        int[] tokens = new int[seq + 1];
        boolean[] scored = new boolean[seq + 1];
        int[] prefix = tokenizer.encode(book.text(parts));
        int room = seq - seq / 4;
        while (prefix.length > room && parts.examples() > 0) {
            parts = new Book.Parts(parts.words(), parts.grammar(), parts.examples() / 2);
            prefix = tokenizer.encode(book.text(parts));
        }
        int n = Math.min(prefix.length, room);
        System.arraycopy(prefix, 0, tokens, 0, n);
        while (n < tokens.length) {
            Sentence s = languages.sentence(rng);
            int[] question = tokenizer.encode(Book.question(s));
            int[] answer = tokenizer.encode(book.answer(s));
            for (int i = 0; i < question.length && n < tokens.length; i++) {
                tokens[n++] = question[i];
            }
            for (int i = 0; i < answer.length && n < tokens.length; i++) {
                scored[n] = true;
                tokens[n++] = answer[i];
            }
        }
        for (int i = 0; i < seq; i++) {
            in[offset + i] = tokens[i];
            target[offset + i] = scored[i + 1] ? tokens[i + 1] : Losses.IGNORE_INDEX;
        }
    }

    @Override
    public long[] position() {
        return new long[] {drawn};
    }

    @Override
    public void seek(long[] position) {
        drawn = position[0];
    }
}
