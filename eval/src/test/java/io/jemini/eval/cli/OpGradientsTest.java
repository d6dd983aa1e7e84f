package io.jemini.eval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.config.Backend;
import io.jemini.engine.config.RuntimeSection;
import io.jemini.engine.device.DeviceScope;
import io.jemini.engine.io.Safetensors;
import io.jemini.engine.io.SafetensorsWriter;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Shape;
import io.jemini.engine.tensor.Tensor;
import io.jemini.eval.ops.OpRegistry;
import io.jemini.eval.ops.OpRunner;
import io.jemini.eval.ops.OpSpec;
import io.jemini.opencl.OpenClDevices;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every registered op, run as {@code jemini op} runs it: the input gradients it writes equal
 * central finite differences of {@code Σ_o ⟨grad.o, o⟩} over all of the op's outputs, each with
 * its own random upstream gradient. Ops with several outputs (the MoE layer's {@code out} and
 * {@code aux}, the router's gates and probabilities) are the point: every output must reach the
 * inputs through the shared graph.
 */
class OpGradientsTest {
    /** Inputs that only mark positions (0/1); a finite difference across them means nothing. */
    private static final Set<String> MASKS = Set.of("key_padding", "mask", "valid");
    private static final float EPS = 1e-3f;

    @TempDir
    Path dir;

    /** One op's example call: float input shapes, integer inputs, attributes. */
    private record Example(Map<String, int[]> floats, Map<String, Indices> ints, Map<String, String> attributes) {
        static Example of(Object... shapes) {
            Map<String, int[]> floats = new LinkedHashMap<>();
            for (int i = 0; i < shapes.length; i += 2) {
                floats.put((String) shapes[i], (int[]) shapes[i + 1]);
            }
            return new Example(floats, new LinkedHashMap<>(), new LinkedHashMap<>());
        }

        Example ints(String name, int[] values, int... shape) {
            ints.put(name, new Indices(values, Shape.of(shape)));
            return this;
        }

        Example attr(String name, String value) {
            attributes.put(name, value);
            return this;
        }
    }

    private static Map<String, Example> examples() {
        Map<String, Example> m = new LinkedHashMap<>();
        m.put("matmul", Example.of("a", new int[] {3, 4}, "b", new int[] {5, 4}).attr("trans_b", "true"));
        m.put("softmax", Example.of("x", new int[] {3, 5}));
        m.put("log_softmax", Example.of("x", new int[] {3, 5}).attr("axis", "0"));
        m.put("layer_norm", Example.of("x", new int[] {3, 6}, "weight", new int[] {6}, "bias", new int[] {6}));
        m.put("rms_norm", Example.of("x", new int[] {3, 6}, "weight", new int[] {6}));
        m.put("gelu", Example.of("x", new int[] {2, 5}).attr("approximate", "tanh"));
        m.put("silu", Example.of("x", new int[] {2, 5}));
        m.put("cross_entropy", Example.of("logits", new int[] {4, 5}).ints("targets", new int[] {1, 4, -100, 0}, 4)
                .attr("label_smoothing", "0.1"));
        m.put("attention", Example.of("q", new int[] {1, 2, 5, 4}, "k", new int[] {1, 2, 5, 4}, "v", new int[] {1, 2, 5, 4})
                .attr("causal", "true").attr("rope", "true"));
        m.put("flash_attention", Example.of("q", new int[] {2, 4, 5, 4}, "k", new int[] {2, 2, 6, 4},
                "v", new int[] {2, 2, 6, 4}, "key_padding", new int[] {2, 6}).attr("causal", "true").attr("window", "4"));
        m.put("embedding", Example.of("weight", new int[] {6, 3}).ints("ids", new int[] {5, 0, 5, 2}, 2, 2));
        m.put("moe_router", Example.of("x", new int[] {6, 4}, "weight", new int[] {3, 4}));
        m.put("moe_layer", Example.of("x", new int[] {6, 4}, "router", new int[] {3, 4}, "gate", new int[] {3, 5, 4},
                "up", new int[] {3, 5, 4}, "down", new int[] {3, 4, 5}).attr("aux_coef", "1").attr("z_coef", "1"));
        m.put("load_balancing_loss", Example.of("logits", new int[] {6, 3}));
        m.put("router_z_loss", Example.of("logits", new int[] {6, 3}));
        m.put("sparse_similarity", Example.of("tokens", new int[] {2, 3, 4}, "patches", new int[] {2, 5, 4}));
        m.put("sparc_loss", Example.of("tokens", new int[] {2, 3, 4}, "patches", new int[] {2, 5, 4}, "mask", new int[] {2, 3}));
        m.put("clip_loss", Example.of("image", new int[] {3, 4}, "text", new int[] {3, 4}));
        m.put("filip_loss", Example.of("tokens", new int[] {2, 3, 4}, "patches", new int[] {2, 5, 4}, "mask", new int[] {2, 3}));
        return m;
    }

    @Test
    void everyOpsInputGradientsMatchFiniteDifferencesOfAllItsOutputs() {
        OpRegistry registry = OpCommand.registry();
        Map<String, Example> examples = examples();
        for (OpSpec spec : registry.all()) {
            Example example = examples.get(spec.name());
            if (example == null) {
                fail("op " + spec.name() + " has no example here: add one so its gradients are checked");
            }
            check(spec, example, new Rng(spec.name().hashCode()));
        }
    }

    /**
     * Every registered op run with {@code --backend opencl} writes what it writes on the JVM: the
     * outputs and every input gradient, within float tolerance.
     */
    @Test
    void everyOpRunsOnTheDeviceAsOnTheJvm() {
        assumeFalse(OpenClDevices.list().isEmpty() && System.getenv("CI") == null, "no OpenCL device here");
        Map<String, Example> examples = examples();
        for (OpSpec spec : OpCommand.registry().all()) {
            Example example = examples.get(spec.name());
            Map<String, float[]> values = new LinkedHashMap<>();
            Path input = writeInput(spec, example, new Rng(spec.name().hashCode()), values, new LinkedHashMap<>());
            Path onJvm = dir.resolve(spec.name() + "-jvm.safetensors");
            Path onDevice = dir.resolve(spec.name() + "-device.safetensors");
            OpRunner.run(spec, input, onJvm, example.attributes());
            try (DeviceScope scope = DeviceScope.open(new RuntimeSection(Backend.OPENCL, "cpu"), 0)) {
                OpRunner.run(spec, input, onDevice, example.attributes());
            }
            Safetensors expected = Safetensors.read(onJvm);
            Safetensors actual = Safetensors.read(onDevice);
            assertEquals(expected.entries().keySet(), actual.entries().keySet(), spec.name());
            for (String name : expected.entries().keySet()) {
                float[] e = expected.floats(name);
                float[] a = actual.floats(name);
                for (int i = 0; i < e.length; i++) {
                    assertEquals(e[i], a[i], 1e-4 * (1 + Math.abs(e[i])), spec.name() + " " + name + "[" + i + "] on the device");
                }
            }
        }
    }

    /** Writes the op's input file: random values (masks for mask inputs) and a random upstream gradient per output. */
    private Path writeInput(OpSpec spec, Example example, Rng rng, Map<String, float[]> values, Map<String, float[]> upstream) {
        example.floats().forEach((name, shape) -> values.put(name, MASKS.contains(name) ? mask(name, shape) : random(rng, shape)));
        Map<String, Tensor> outputs = forward(spec, example, values);
        SafetensorsWriter in = new SafetensorsWriter();
        values.forEach((name, v) -> in.putF32(name, v, example.floats().get(name)));
        example.ints().forEach((name, ids) -> in.putI32(name, ids.values(), ids.shape().dims()));
        outputs.forEach((name, t) -> {
            float[] u = random(rng, t.dims());
            upstream.put(name, u);
            in.putF32("grad." + name, u, t.dims());
        });
        Path input = dir.resolve(spec.name() + "-in.safetensors");
        in.write(input);
        return input;
    }

    private void check(OpSpec spec, Example example, Rng rng) {
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, float[]> upstream = new LinkedHashMap<>();
        Path input = writeInput(spec, example, rng, values, upstream);
        Map<String, Tensor> outputs = forward(spec, example, values);
        Path output = dir.resolve(spec.name() + "-out.safetensors");
        OpRunner.run(spec, input, output, example.attributes());
        Safetensors result = Safetensors.read(output);
        for (String name : values.keySet()) {
            if (MASKS.contains(name)) {
                continue;
            }
            float[] analytic = result.floats("grad." + name);
            float[] x = values.get(name);
            for (int i = 0; i < x.length; i++) {
                float keep = x[i];
                x[i] = keep + EPS;
                double plus = weightedSum(forward(spec, example, values), upstream);
                x[i] = keep - EPS;
                double minus = weightedSum(forward(spec, example, values), upstream);
                x[i] = keep;
                double numeric = (plus - minus) / (2 * EPS);
                assertEquals(numeric, analytic[i], 2e-3 + 1e-2 * Math.abs(numeric),
                        spec.name() + ": d/d" + name + "[" + i + "] of the sum over outputs " + outputs.keySet());
            }
        }
    }

    /** The op's outputs on {@code values}, without recording a graph. */
    private static Map<String, Tensor> forward(OpSpec spec, Example example, Map<String, float[]> values) {
        Map<String, Tensor> floats = new LinkedHashMap<>();
        values.forEach((name, v) -> floats.put(name, Tensor.of(v.clone(), example.floats().get(name))));
        try (GradMode.Scope ignored = GradMode.disabled()) {
            return spec.body().run(OpRegistry.bind(spec, floats, example.ints(), example.attributes()));
        }
    }

    private static double weightedSum(Map<String, Tensor> outputs, Map<String, float[]> upstream) {
        double s = 0;
        for (Map.Entry<String, Tensor> o : outputs.entrySet()) {
            float[] v = o.getValue().data();
            float[] u = upstream.get(o.getKey());
            for (int i = 0; i < v.length; i++) {
                s += (double) u[i] * v[i];
            }
        }
        return s;
    }

    private static float[] random(Rng rng, int... shape) {
        return Tensor.randn(rng, 1f, shape).data();
    }

    /**
     * A 0/1 mask that leaves out about a third of the positions but never the first of a row:
     * {@code key_padding} marks left-out keys with 1, the other masks mark kept positions with 1.
     */
    private static float[] mask(String name, int... shape) {
        int cols = shape[shape.length - 1];
        boolean onesLeaveOut = name.equals("key_padding");
        float[] m = new float[Shape.of(shape).numel()];
        for (int i = 0; i < m.length; i++) {
            boolean out = i % cols != 0 && i % 3 == 1;
            m[i] = out == onesLeaveOut ? 1 : 0;
        }
        return m;
    }

    @Test
    void theExamplesNameOnlyRegisteredOps() {
        List<String> registered = OpCommand.registry().all().stream().map(OpSpec::name).toList();
        for (String name : examples().keySet()) {
            assertTrue(registered.contains(name), name + " is not a registered op");
        }
    }
}
