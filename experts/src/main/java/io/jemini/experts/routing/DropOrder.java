package io.jemini.experts.routing;

import io.jemini.engine.config.ConfigChoice;
import java.util.stream.IntStream;

/**
 * Which assignments keep their place ({@code moe.drop_order}) when an expert is over capacity: the priority in which the
 * (token, choice) assignments claim expert slots. {@code CHOICE} (GShard, Switch, DeepSpeed): every
 * token's first choice before any token's second, each rank in token order, so second choices are
 * dropped first. {@code TOKEN}: assignments in (token, choice) order, so a late token can lose its
 * first choice to an earlier token's second. {@code SCORE} (V-MoE's batch-prioritised routing):
 * rank by rank as {@code CHOICE}, but tokens ordered by their largest router probability, highest
 * first (ties to the lower token).
 */
public enum DropOrder implements ConfigChoice {
    CHOICE, TOKEN, SCORE;

    /**
     * The assignments ({@code a = t·k + j}) of {@code tokens} tokens in priority order;
     * {@code probs [tokens, experts]} are the router probabilities (read by {@code SCORE}).
     */
    public int[] priority(int tokens, int k, float[] probs, int experts) {
        int[] order = new int[tokens * k];
        if (this == TOKEN) {
            for (int a = 0; a < order.length; a++) {
                order[a] = a;
            }
            return order;
        }
        int[] ranked = this == CHOICE ? IntStream.range(0, tokens).toArray() : byTopProbability(tokens, probs, experts);
        for (int j = 0; j < k; j++) {
            for (int r = 0; r < tokens; r++) {
                order[j * tokens + r] = ranked[r] * k + j;
            }
        }
        return order;
    }

    /** Tokens by their largest router probability, highest first, ties to the lower token. */
    private static int[] byTopProbability(int tokens, float[] probs, int experts) {
        float[] top = new float[tokens];
        for (int t = 0; t < tokens; t++) {
            float m = Float.NEGATIVE_INFINITY;
            for (int e = 0; e < experts; e++) {
                m = Math.max(m, probs[t * experts + e]);
            }
            top[t] = m;
        }
        return IntStream.range(0, tokens).boxed()
                .sorted((x, y) -> top[x] != top[y] ? Float.compare(top[y], top[x]) : Integer.compare(x, y))
                .mapToInt(Integer::intValue).toArray();
    }
}
