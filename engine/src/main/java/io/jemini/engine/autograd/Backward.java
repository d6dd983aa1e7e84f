package io.jemini.engine.autograd;

/** An op's backward pass: given the gradient of its output, adds into its inputs' gradients. */
@FunctionalInterface
public interface Backward {
    void apply(float[] gradOutput);
}
