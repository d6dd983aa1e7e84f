package io.jemini.experts.routing;

import io.jemini.engine.launch.Host;
import io.jemini.engine.tensor.Tensor;

/**
 * One routing decision for {@code tokens} tokens: router logits and probabilities, the chosen
 * experts {@code index [tokens*k]} with their differentiable gates {@code [tokens, k]}, and the
 * dispatch: each assignment's row in the expert-sorted buffer ({@code position}, -1 if dropped),
 * each row's token, and per-expert routed and kept counts.
 */
public record Routing(Tensor logits, Tensor probs, int[] index, Tensor gates, int[] position, int[] tokenOfRow,
                      int[] routed, int[] kept, int[] offsets) {
    public int tokens() {
        return gates.dim(0);
    }

    public int k() {
        return gates.dim(1);
    }

    /** Assignments dropped for capacity: k·T minus the kept rows. */
    public int dropped() {
        return tokens() * k() - rows();
    }

    /** Assignments dropped for capacity at each choice rank: {@code [k]}, the first choices first. */
    public int[] droppedPerChoice() {
        int k = k();
        int[] dropped = new int[k];
        int[] position = Host.read(this.position);
        for (int a = 0; a < position.length; a++) {
            if (position[a] < 0) {
                dropped[a % k]++;
            }
        }
        return dropped;
    }

    /** Rows in the sorted buffer (kept assignments). */
    public int rows() {
        int n = 0;
        for (int c : kept) {
            n += c;
        }
        return n;
    }
}
