package io.jemini.eval.cli;

import io.jemini.engine.device.DeviceScope;
import io.jemini.engine.tensor.Tensor;
import io.jemini.eval.ops.ContrastiveOps;
import io.jemini.eval.ops.EngineOps;
import io.jemini.eval.ops.ExpertOps;
import io.jemini.eval.ops.OpRegistry;
import io.jemini.eval.ops.OpRunner;
import io.jemini.eval.ops.OpSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs one registered op forward and backward on tensors from a safetensors file. */
@Command(name = "op", mixinStandardHelpOptions = true,
        description = {"Run a registered op or loss forward and backward on the tensors in a safetensors file and write "
                + "its outputs and input gradients (grad.<input>) to another.",
                "The upstream gradient of output o is the tensor grad.o in the input file, else ones (the gradient of "
                        + "the sum). Attributes come from the input file's __metadata__, then --attr."})
final class OpCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "the op (see --list)")
    String name;

    @Option(names = "--list", description = "list the ops with their tensor names and attributes")
    boolean list;

    @Option(names = "--in", paramLabel = "FILE", description = "input tensors (safetensors)")
    Path in;

    @Option(names = "--out", paramLabel = "FILE", description = "where to write outputs and gradients (safetensors)")
    Path out;

    @Option(names = "--attr", paramLabel = "KEY=VALUE", description = "an attribute value (repeatable)")
    Map<String, String> attributes = new LinkedHashMap<>();

    @Mixin
    BackendOptions backend;

    @Spec
    CommandSpec spec;

    static OpRegistry registry() {
        return ContrastiveOps.registerAll(ExpertOps.registerAll(EngineOps.registerAll(new OpRegistry())));
    }

    @Override
    public Integer call() {
        OpRegistry registry = registry();
        if (list) {
            for (OpSpec op : registry.all()) {
                System.out.println(op.name() + " - " + op.summary());
                for (OpSpec.Input input : op.inputs()) {
                    System.out.printf("    in   %-12s %s%s%s%n", input.name(), input.integer() ? "int " : "",
                            input.doc(), input.optional() ? " (optional)" : "");
                }
                System.out.println("    out  out          the result; gradients are written as grad.<input>");
                for (OpSpec.Attribute a : op.attributes()) {
                    System.out.printf("    attr %-12s %s = %s: %s%n", a.name(), a.type(), a.defaultValue(), a.doc());
                }
            }
            return 0;
        }
        if (name == null || in == null || out == null) {
            throw new ParameterException(spec.commandLine(), "give NAME, --in and --out (or --list)");
        }
        OpSpec op;
        try {
            op = registry.get(name);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!Files.isRegularFile(in)) {
            throw new ParameterException(spec.commandLine(), "--in " + in + " is not a file; give a safetensors file of the op's "
                    + "inputs, named as --list shows");
        }
        try (DeviceScope scope = DeviceScope.open(backend.runtime(), 0)) {
            Map<String, Tensor> result = OpRunner.run(op, in, out, attributes);
            System.out.println("wrote " + out + ": " + String.join(", ", result.keySet()) + " (" + scope.describe() + ")");
        }
        return 0;
    }
}
