package io.jemini.eval.ops;

import io.jemini.engine.config.UsageException;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ops reachable from {@code jemini op}: engine ops plus whatever other modules add. Binds a
 * spec's declared inputs and attributes, checking names and types before anything runs.
 */
public final class OpRegistry {
    private final Map<String, OpSpec> specs = new TreeMap<>();

    public OpRegistry register(OpSpec spec) {
        if (specs.putIfAbsent(spec.name(), spec) != null) {
            throw new IllegalArgumentException("op '" + spec.name() + "' is registered twice");
        }
        return this;
    }

    public List<OpSpec> all() {
        return new ArrayList<>(specs.values());
    }

    public OpSpec get(String name) {
        OpSpec spec = specs.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("unknown op '" + name + "'; registered: " + String.join(", ", specs.keySet()));
        }
        return spec;
    }

    /**
     * Validates and binds a call. Float inputs become leaves that require gradients; attribute
     * values are checked against their declared types, unknown attributes are rejected.
     */
    public static OpCall bind(OpSpec spec, Map<String, Tensor> floats, Map<String, Indices> ints,
                              Map<String, String> attributes) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, Indices> indices = new LinkedHashMap<>();
        for (OpSpec.Input in : spec.inputs()) {
            if (in.integer()) {
                Indices v = ints.get(in.name());
                if (v == null) {
                    throw new UsageException(spec.name() + ": missing integer input '" + in.name() + "' (" + in.doc() + ")");
                }
                indices.put(in.name(), v);
            } else {
                Tensor t = floats.get(in.name());
                if (t == null && !in.optional()) {
                    throw new UsageException(spec.name() + ": missing input '" + in.name() + "' (" + in.doc() + ")");
                }
                if (t != null) {
                    tensors.put(in.name(), t);
                }
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (OpSpec.Attribute a : spec.attributes()) {
            values.put(a.name(), a.defaultValue());
        }
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            OpSpec.Attribute a = spec.attributes().stream().filter(x -> x.name().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new UsageException(spec.name() + ": unknown attribute '" + e.getKey()
                            + "'; allowed: " + String.join(", ", spec.attributes().stream().map(OpSpec.Attribute::name).toList())));
            values.put(a.name(), checkType(spec, a, e.getValue()));
        }
        return new OpCall(spec, tensors, indices, values);
    }

    private static String checkType(OpSpec spec, OpSpec.Attribute a, String raw) {
        String v = raw.trim();
        boolean ok = switch (a.type()) {
            case "float" -> parses(() -> Float.parseFloat(v));
            case "int" -> parses(() -> Integer.parseInt(v));
            case "bool" -> v.equals("true") || v.equals("false");
            default -> List.of(a.type().split("\\|")).contains(v);
        };
        if (!ok) {
            throw new UsageException(spec.name() + ": attribute " + a.name() + "=" + raw + " is not allowed; expected "
                    + (a.type().contains("|") ? "one of " + a.type().replace("|", ", ") : "a " + a.type()));
        }
        return v;
    }

    private static boolean parses(Runnable r) {
        try {
            r.run();
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
