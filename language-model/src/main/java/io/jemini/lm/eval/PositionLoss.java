package io.jemini.lm.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.engine.ops.Losses;
import io.jemini.kernels.CrossEntropyKernels;
import io.jemini.lm.model.TransformerLm;

/**
 * Loss versus position (Gemini 1.5 §5.2.1.1): the cumulative mean next-token NLL
 * {@code C(x) = (1/x)·Σ_{t≤x} −log p(tok_t | tok_<t)} at log-spaced x, averaged over held-out
 * sequences read in chunks through the KV cache, and the fit {@code α·x^β + γ} with its R² over
 * the positions the model was trained on (beyond them a model without length extrapolation gets
 * worse, which a decreasing law cannot describe; those points are reported, not fitted).
 */
public final class PositionLoss {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PositionLoss() {
    }

    /** Powers of two from 16 up to {@code length}, the trained length when shorter, and {@code length} itself. */
    public static int[] positions(int length, int trainedLength) {
        java.util.TreeSet<Integer> xs = new java.util.TreeSet<>();
        for (int x = 16; x < length; x *= 2) {
            xs.add(x);
        }
        if (trainedLength < length) {
            xs.add(trainedLength);
        }
        xs.add(length);
        return xs.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Reads {@code sequences} consecutive windows of {@code length + 1} tokens of {@code heldOut}
     * (fewer if the text is short, never repeated text, which would make later positions easy).
     */
    public static ObjectNode measure(TransformerLm lm, int[] heldOut, int length, int sequences, int trainedLength) {
        int available = (heldOut.length - 1) / length;
        int n = Math.min(sequences, available);
        if (n < 1) {
            throw new IllegalArgumentException("the held-out text has " + heldOut.length + " tokens, fewer than one sequence of "
                    + (length + 1) + "; lower long_context.max_length");
        }
        double[] sum = new double[length];
        GreedyReader reader = new GreedyReader(lm, length);
        for (int s = 0; s < n; s++) {
            int start = s * length;
            int[] input = java.util.Arrays.copyOfRange(heldOut, start, start + length);
            reader.rewind(0);
            reader.read(input, (first, count, logits, vocab) -> {
                int[] next = java.util.Arrays.copyOfRange(heldOut, start + first + 1, start + first + count + 1);
                float[] loss = new float[count];
                CrossEntropyKernels.forward(logits, next, loss, new float[count], vocab, Losses.IGNORE_INDEX, 0f, 0, count);
                for (int i = 0; i < count; i++) {
                    sum[first + i] += loss[i];
                }
            });
        }
        int[] xs = positions(length, trainedLength);
        double[] x = new double[xs.length];
        double[] c = new double[xs.length];
        double running = 0;
        int next = 0;
        for (int t = 0; t < length && next < xs.length; t++) {
            running += sum[t] / n;
            if (t + 1 == xs[next]) {
                x[next] = xs[next];
                c[next] = running / xs[next];
                next++;
            }
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("sequences", n);
        ArrayNode xn = out.putArray("x");
        ArrayNode cn = out.putArray("cumulative_nll");
        for (int i = 0; i < x.length; i++) {
            xn.add((int) x[i]);
            cn.add(c[i]);
        }
        int fitted = 0;
        while (fitted < x.length && x[fitted] <= trainedLength) {
            fitted++;
        }
        if (fitted < 3) {
            fitted = x.length;
        }
        if (fitted >= 3) {
            PowerLawFit fit = PowerLawFit.fit(java.util.Arrays.copyOf(x, fitted), java.util.Arrays.copyOf(c, fitted));
            ObjectNode f = out.putObject("fit");
            f.put("up_to", (int) x[fitted - 1]);
            f.put("alpha", fit.alpha());
            f.put("beta", fit.beta());
            f.put("gamma", fit.gamma());
            f.put("r_squared", fit.rSquared());
        }
        return out;
    }
}
