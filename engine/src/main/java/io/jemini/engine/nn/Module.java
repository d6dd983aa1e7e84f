package io.jemini.engine.nn;

import io.jemini.engine.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A layer that owns named parameters and named sub-layers. {@link #parameters()} flattens them
 * into one ordered map with dotted names ({@code blocks.0.attn.q_proj.weight}) — the names
 * checkpoints, optimizers and gradient checks use.
 */
public abstract class Module {
    private final Map<String, Tensor> params = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private final Map<String, float[]> buffers = new LinkedHashMap<>();
    private boolean training = true;

    /** Registers a parameter: {@code init} becomes a leaf that requires a gradient. */
    protected final Tensor parameter(String name, Tensor init) {
        if (params.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("duplicate name '" + name + "' in " + getClass().getSimpleName());
        }
        init.requiresGrad(true);
        params.put(name, init);
        return init;
    }

    /**
     * Registers persistent state that is not trained by gradients (e.g. a router's balancing
     * bias): saved and restored with the parameters, under the same dotted names.
     */
    protected final float[] buffer(String name, float[] values) {
        if (params.containsKey(name) || children.containsKey(name) || buffers.containsKey(name)) {
            throw new IllegalArgumentException("duplicate name '" + name + "' in " + getClass().getSimpleName());
        }
        buffers.put(name, values);
        return values;
    }

    /** All buffers of this layer and its sub-layers, with dotted names. */
    public final Map<String, float[]> buffers() {
        Map<String, float[]> out = new LinkedHashMap<>();
        collectBuffers("", out);
        return Collections.unmodifiableMap(out);
    }

    private void collectBuffers(String prefix, Map<String, float[]> out) {
        buffers.forEach((name, b) -> out.put(prefix + name, b));
        children.forEach((name, m) -> m.collectBuffers(prefix + name + ".", out));
    }

    /** Every sub-layer (depth first), this one included. */
    public final java.util.List<Module> modules() {
        java.util.List<Module> out = new java.util.ArrayList<>();
        out.add(this);
        children.values().forEach(m -> out.addAll(m.modules()));
        return out;
    }

    /** Registers a sub-layer under {@code name}. */
    protected final <M extends Module> M child(String name, M module) {
        if (params.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("duplicate name '" + name + "' in " + getClass().getSimpleName());
        }
        children.put(name, module);
        return module;
    }

    /** All parameters of this layer and its sub-layers, in registration order, with dotted names. */
    public final Map<String, Tensor> parameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out);
        return Collections.unmodifiableMap(out);
    }

    private void collect(String prefix, Map<String, Tensor> out) {
        params.forEach((name, t) -> out.put(prefix + name, t));
        children.forEach((name, m) -> m.collect(prefix + name + ".", out));
    }

    /** Total number of parameter values. */
    public final long parameterCount() {
        long n = 0;
        for (Tensor t : parameters().values()) {
            n += t.numel();
        }
        return n;
    }

    public final boolean isTraining() {
        return training;
    }

    /** Sets training mode (dropout active) on this layer and every sub-layer. */
    public final void train(boolean on) {
        training = on;
        children.values().forEach(m -> m.train(on));
    }
}
