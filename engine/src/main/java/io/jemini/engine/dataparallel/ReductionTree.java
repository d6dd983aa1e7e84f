package io.jemini.engine.dataparallel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fixed binary tree in which the gradients of a step's micro-batches {@code [0, parts)} are
 * added: a range is the sum of its two halves (split at {@code lo + (hi - lo) / 2}), a single
 * micro-batch is a leaf. Float addition is not associative, so the tree is what makes the sum one
 * number: a worker adds the nodes that lie wholly inside its own micro-batches, the workers
 * exchange those node sums, and everyone finishes the same tree. With 1, 2 or 4 workers (any
 * split into contiguous blocks) every float is added in the same order.
 */
public final class ReductionTree {
    /** The micro-batches {@code [lo, hi)} under one node. */
    public record Node(int lo, int hi) {
        int mid() {
            return lo + (hi - lo) / 2;
        }
    }

    private ReductionTree() {
    }

    /** The highest nodes of the tree over {@code [0, parts)} that lie wholly inside {@code [lo, hi)}, left to right. */
    public static List<Node> cover(int lo, int hi, int parts) {
        List<Node> out = new ArrayList<>();
        cover(new Node(0, parts), lo, hi, out);
        return out;
    }

    private static void cover(Node node, int lo, int hi, List<Node> out) {
        if (node.hi() <= lo || node.lo() >= hi) {
            return;
        }
        if (node.lo() >= lo && node.hi() <= hi) {
            out.add(node);
            return;
        }
        cover(new Node(node.lo(), node.mid()), lo, hi, out);
        cover(new Node(node.mid(), node.hi()), lo, hi, out);
    }

    /**
     * The sum under {@code node}, from the sums already {@code known} (leaves or higher nodes): a
     * known node is taken as it is, any other is the sum of its halves, computed into a new array.
     */
    public static float[] sum(Node node, Map<Node, float[]> known) {
        float[] given = known.get(node);
        if (given != null) {
            return given;
        }
        if (node.hi() - node.lo() <= 1) {
            throw new IllegalStateException("no worker sent the gradient of micro-batch " + node.lo());
        }
        float[] left = sum(new Node(node.lo(), node.mid()), known);
        float[] right = sum(new Node(node.mid(), node.hi()), known);
        float[] out = new float[left.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = left[i] + right[i];
        }
        return out;
    }
}
