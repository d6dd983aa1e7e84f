package io.jemini.eval.ops;

import io.jemini.engine.ops.Indices;
import io.jemini.engine.tensor.Tensor;
import java.util.Map;

/** The resolved inputs and attribute values of one op invocation. */
public final class OpCall {
    private final OpSpec spec;
    private final Map<String, Tensor> tensors;
    private final Map<String, Indices> indices;
    private final Map<String, String> attributes;

    OpCall(OpSpec spec, Map<String, Tensor> tensors, Map<String, Indices> indices, Map<String, String> attributes) {
        this.spec = spec;
        this.tensors = tensors;
        this.indices = indices;
        this.attributes = attributes;
    }

    /** A float input, or null for an absent optional one. */
    public Tensor tensor(String name) {
        return tensors.get(name);
    }

    public Indices indices(String name) {
        return indices.get(name);
    }

    public String attribute(String name) {
        String v = attributes.get(name);
        if (v == null) {
            throw new IllegalStateException(spec.name() + ": attribute '" + name + "' is not declared");
        }
        return v;
    }

    /** An attribute's value as a number, or {@code fallback} when the op does not declare it. */
    public double attributeOr(String name, String fallback) {
        return Double.parseDouble(attributes.getOrDefault(name, fallback));
    }

    public float floatAttr(String name) {
        return Float.parseFloat(attribute(name));
    }

    public int intAttr(String name) {
        return Integer.parseInt(attribute(name));
    }

    public boolean boolAttr(String name) {
        return Boolean.parseBoolean(attribute(name));
    }
}
