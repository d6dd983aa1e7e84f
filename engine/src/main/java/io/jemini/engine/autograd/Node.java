package io.jemini.engine.autograd;

import io.jemini.engine.tensor.Tensor;

/**
 * One recorded op in the define-by-run graph: its inputs, its backward closure, and the tensors
 * the backward reads, with their versions at record time so in-place changes are caught.
 */
public final class Node {
    private final String op;
    private final Tensor[] inputs;
    private final Backward backward;
    private final Tensor[] saved;
    private final int[] savedVersions;

    Node(String op, Tensor[] inputs, Backward backward, Tensor[] saved) {
        this.op = op;
        this.inputs = inputs;
        this.backward = backward;
        this.saved = saved;
        this.savedVersions = new int[saved.length];
        for (int i = 0; i < saved.length; i++) {
            savedVersions[i] = saved[i].version();
        }
    }

    public String op() {
        return op;
    }

    Tensor[] inputs() {
        return inputs;
    }

    /**
     * Runs the backward closure after checking saved tensors. Input gradient buffers are
     * allocated here, before the closure's kernels fan out over threads, so no parallel chunk
     * ever allocates one.
     */
    void run(float[] gradOutput) {
        for (int i = 0; i < saved.length; i++) {
            if (saved[i].version() != savedVersions[i]) {
                throw new IllegalStateException(op + " backward: a tensor of shape " + saved[i].shape()
                        + " that it saved was modified in place after the forward pass (version "
                        + savedVersions[i] + " -> " + saved[i].version()
                        + "); expected it unchanged until backward. Clone it before changing it.");
            }
        }
        for (Tensor in : inputs) {
            if (in.requiresGrad()) {
                in.gradBuffer();
            }
        }
        backward.apply(gradOutput);
    }
}
