package io.jemini.lm.eval;

import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.ops.Indices;
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

    /** Evaluates on the first {@code maxBatches} batches of consecutive windows of {@code tokens}. */
    public static Result evaluate(TransformerLm lm, PackedTokens tokens, int batch, int seq, int maxBatches,
                                  ByteBpeTokenizer tokenizer) {
        int batches = Math.min(maxBatches, tokens.windows(seq) / batch);
        if (batches < 1) {
            throw new IllegalArgumentException("held-out data of " + tokens.tokens().length + " tokens is too short for one batch of "
                    + batch + " x " + (seq + 1) + " tokens");
        }
        double nats = 0;
        long count = 0;
        long bytes = 0;
        try (var noGrad = GradMode.disabled()) {
            for (int i = 0; i < batches; i++) {
                Indices[] b = tokens.window(i, batch, seq);
                nats += (double) lm.loss(b[0], b[1]).item() * batch * seq;
                count += (long) batch * seq;
                if (tokenizer != null) {
                    for (int t : b[1].values()) {
                        bytes += tokenizer.byteLength(t);
                    }
                }
            }
        }
        double loss = nats / count;
        return new Result(loss, Math.exp(loss), tokenizer == null ? Double.NaN : nats / Math.log(2) / bytes, count);
    }
}
