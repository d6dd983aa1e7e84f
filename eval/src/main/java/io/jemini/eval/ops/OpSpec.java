package io.jemini.eval.ops;

import io.jemini.engine.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * A registered op or loss that can be run from the command line on tensors from a file: its
 * named tensor inputs, its attributes with defaults, and the function computing its outputs.
 */
public record OpSpec(String name, String summary, List<Input> inputs, List<Attribute> attributes, Body body) {
    /** A named tensor input; integer inputs (ids, labels) are not differentiated. */
    public record Input(String name, boolean integer, boolean optional, String doc) {
        public static Input tensor(String name, String doc) {
            return new Input(name, false, false, doc);
        }

        public static Input ints(String name, String doc) {
            return new Input(name, true, false, doc);
        }

        public static Input optional(String name, String doc) {
            return new Input(name, false, true, doc);
        }
    }

    /** A scalar attribute: {@code type} is float, int, bool or one of the listed words. */
    public record Attribute(String name, String type, String defaultValue, String doc) {
    }

    /** Computes the outputs (by name) from a call's inputs and attributes. */
    @FunctionalInterface
    public interface Body {
        Map<String, Tensor> run(OpCall call);
    }
}
