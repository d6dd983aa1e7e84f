package io.jemini.lm.eval;

import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.ops.Losses;
import io.jemini.lm.data.HeldOut;
import io.jemini.lm.data.PackedTokens;
import io.jemini.lm.model.TransformerLm;
import io.jemini.lm.text.ByteBpeTokenizer;

/** Held-out loss of a language model: nats per token, perplexity and, for text, bits per byte. */
public final class Evaluation {
    /** {@code bitsPerByte} is NaN when tokens are not text. */
    public record Result(double loss, double perplexity, double bitsPerByte, long tokens) {
    }

    private Evaluation() {
    }

    /**
     * Evaluates on the first {@code maxBatches} batches of {@code heldOut}, over the targets they
     * score (targets holding the ignore index are not counted).
     */
    public static Result evaluate(TransformerLm lm, HeldOut heldOut, int batch, int seq, int maxBatches,
                                  ByteBpeTokenizer tokenizer) {
        int batches = Math.min(maxBatches, heldOut.batches(batch, seq));
        if (batches < 1) {
            String size = heldOut instanceof PackedTokens tokens ? " of " + tokens.tokens().length + " tokens" : "";
            throw new IllegalArgumentException("held-out data" + size + " is too short for one batch of " + batch + " x "
                    + (seq + 1) + " tokens");
        }
        double nats = 0;
        long count = 0;
        long bytes = 0;
        try (var noGrad = GradMode.disabled()) {
            for (int i = 0; i < batches; i++) {
                Indices[] b = heldOut.batch(i, batch, seq);
                long scored = 0;
                for (int t : b[1].values()) {
                    if (t != Losses.IGNORE_INDEX) {
                        scored++;
                        bytes += tokenizer == null ? 0 : tokenizer.byteLength(t);
                    }
                }
                if (scored > 0) {
                    nats += (double) lm.loss(b[0], b[1]).item() * scored;
                    count += scored;
                }
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("the held-out batches score no targets");
        }
        double loss = nats / count;
        return new Result(loss, Math.exp(loss), tokenizer == null ? Double.NaN : nats / Math.log(2) / bytes, count);
    }
}
