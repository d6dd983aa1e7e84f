package io.jemini.eval.ops;

import io.jemini.engine.autograd.Graph;
import io.jemini.engine.io.DType;
import io.jemini.engine.io.Safetensors;
import io.jemini.engine.io.SafetensorsException;
import io.jemini.engine.io.SafetensorsWriter;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.tensor.Shape;
import io.jemini.engine.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a registered op forward and backward on the tensors of a safetensors file and writes the
 * outputs and the input gradients. The upstream gradient of output {@code o} is the tensor
 * {@code grad.o} when present, else ones (the gradient of the sum); all outputs back-propagate in
 * one pass, so each input's gradient is that of {@code Σ_o ⟨grad.o, o⟩}.
 */
public final class OpRunner {
    private OpRunner() {
    }

    /** Attributes come from the file's {@code __metadata__} (only declared keys), then {@code overrides}. */
    public static Map<String, Tensor> run(OpSpec spec, Path in, Path out, Map<String, String> overrides) {
        Safetensors file = Safetensors.read(in);
        Map<String, Tensor> floats = new LinkedHashMap<>();
        Map<String, Indices> ints = new LinkedHashMap<>();
        for (OpSpec.Input input : spec.inputs()) {
            if (!file.contains(input.name())) {
                continue;
            }
            Safetensors.Entry e = file.entry(input.name());
            if (input.integer()) {
                ints.put(input.name(), new Indices(file.ints(input.name()), Shape.of(e.shape())));
            } else {
                if (!isFloat(e.dtype())) {
                    throw new SafetensorsException(in, "input '" + input.name() + "' has dtype " + e.dtype()
                            + "; op " + spec.name() + " expects a floating-point tensor");
                }
                floats.put(input.name(), Tensor.of(file.floats(input.name()), e.shape()).requiresGrad(true));
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (OpSpec.Attribute a : spec.attributes()) {
            if (file.metadata().containsKey(a.name())) {
                attributes.put(a.name(), file.metadata().get(a.name()));
            }
        }
        attributes.putAll(overrides);
        OpCall call = OpRegistry.bind(spec, floats, ints, attributes);
        Map<String, Tensor> outputs = spec.body().run(call);
        Map<String, Tensor> result = new LinkedHashMap<>(outputs);
        List<Tensor> roots = new ArrayList<>();
        List<float[]> seeds = new ArrayList<>();
        for (Map.Entry<String, Tensor> o : outputs.entrySet()) {
            Tensor t = o.getValue();
            if (t.requiresGrad()) {
                roots.add(t);
                seeds.add(upstream(file, in, o.getKey(), t));
            }
        }
        if (!roots.isEmpty()) {
            Graph.backward(roots, seeds);
        }
        for (Map.Entry<String, Tensor> f : floats.entrySet()) {
            float[] g = f.getValue().gradData();
            result.put("grad." + f.getKey(), Tensor.of(g == null ? new float[f.getValue().numel()] : g, f.getValue().shape()));
        }
        SafetensorsWriter writer = new SafetensorsWriter().metadata("op", spec.name());
        result.forEach((name, t) -> writer.putF32(name, t.data(), t.dims()));
        writer.write(out);
        return result;
    }

    /** The upstream gradient of output {@code name}: {@code grad.<name>} from the file, else ones. */
    private static float[] upstream(Safetensors file, Path in, String name, Tensor output) {
        String gradName = "grad." + name;
        if (!file.contains(gradName)) {
            float[] ones = new float[output.numel()];
            Arrays.fill(ones, 1.0f);
            return ones;
        }
        float[] upstream = file.floats(gradName);
        if (upstream.length != output.numel()) {
            throw new SafetensorsException(in, "'" + gradName + "' has " + upstream.length
                    + " elements but output '" + name + "' has shape " + output.shape());
        }
        return upstream;
    }

    private static boolean isFloat(DType t) {
        return t == DType.F32 || t == DType.F64 || t == DType.F16 || t == DType.BF16;
    }
}
