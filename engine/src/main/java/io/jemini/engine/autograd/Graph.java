package io.jemini.engine.autograd;

import io.jemini.engine.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Records ops into the graph and runs reverse-mode differentiation over it. */
public final class Graph {
    private Graph() {
    }

    /**
     * Attaches {@code backward} to {@code output} when grad mode is on and an input requires a
     * gradient; {@code saved} lists the tensors backward reads, checked for in-place changes.
     */
    public static Tensor record(String op, Tensor output, Tensor[] inputs, Backward backward, Tensor... saved) {
        if (!GradMode.isEnabled()) {
            return output;
        }
        boolean needed = false;
        for (Tensor t : inputs) {
            needed |= t.requiresGrad();
        }
        if (needed) {
            output.attach(new Node(op, inputs, backward, saved));
        }
        return output;
    }

    /**
     * Back-propagates {@code seed} from {@code root}: gradients accumulate into every leaf that
     * requires one, intermediate gradients are freed as soon as they are used, and the graph is
     * released afterwards.
     */
    public static void backward(Tensor root, float[] seed) {
        backward(List.of(root), List.of(seed));
    }

    /**
     * Back-propagates several roots at once, each with its own seed, in one pass over their joint
     * graph: shared intermediates run their backward once, with every root's contribution summed.
     */
    public static void backward(List<Tensor> roots, List<float[]> seeds) {
        if (roots.size() != seeds.size()) {
            throw new IllegalArgumentException(roots.size() + " roots but " + seeds.size() + " seeds");
        }
        List<Tensor> order = topologicalOrder(roots);
        for (int i = 0; i < roots.size(); i++) {
            roots.get(i).accumulateGrad(seeds.get(i));
        }
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor t = order.get(i);
            Node node = t.node();
            float[] grad = t.gradData();
            t.detachNode();
            if (grad != null) {
                node.run(grad);
                t.clearGrad();
            }
        }
    }

    /** Tensors with a node reachable from {@code roots}, each after all tensors it depends on. */
    private static List<Tensor> topologicalOrder(List<Tensor> roots) {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> visited = new IdentityHashMap<>();
        ArrayDeque<Tensor> stack = new ArrayDeque<>();
        ArrayDeque<Integer> next = new ArrayDeque<>();
        for (Tensor root : roots) {
            if (root.node() == null || visited.put(root, Boolean.TRUE) != null) {
                continue;
            }
            stack.push(root);
            next.push(0);
            while (!stack.isEmpty()) {
                Tensor t = stack.peek();
                int i = next.pop();
                Tensor[] inputs = t.node().inputs();
                if (i < inputs.length) {
                    next.push(i + 1);
                    Tensor in = inputs[i];
                    if (in.node() != null && visited.put(in, Boolean.TRUE) == null) {
                        stack.push(in);
                        next.push(0);
                    }
                } else {
                    stack.pop();
                    order.add(t);
                }
            }
        }
        return order;
    }
}
