package io.jemini.engine.launch;

import io.jemini.opencl.translate.KernelCatalog;
import io.jemini.opencl.translate.PortableKernel;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the launch stubs of one kernel class from its signatures: for each kernel a static method
 * taking the loop length, the work per index and the kernel's own arguments, which launches the
 * translated kernel on the installed device or runs the Java kernel on the JVM backend.
 */
final class LaunchStubs {
    private LaunchStubs() {
    }

    static String fileName(Class<?> kernelClass) {
        return stubName(kernelClass) + ".java";
    }

    static String stubName(Class<?> kernelClass) {
        return kernelClass.getSimpleName().replace("Kernels", "Launch");
    }

    static String generate(Class<?> kernelClass) {
        String k = kernelClass.getSimpleName();
        String stub = stubName(kernelClass);
        StringBuilder out = new StringBuilder();
        out.append("package io.jemini.engine.launch;\n\n")
                .append("import io.jemini.engine.device.DeviceRuntime;\n")
                .append("import io.jemini.kernels.").append(k).append(";\n\n")
                .append("/**\n * Launches of {@link ").append(k).append("} on the engine's backend: the translated kernel on the\n")
                .append(" * installed device, else the Java kernel on the JVM backend. Generated from the kernel signatures\n")
                .append(" * by LaunchStubs (engine tests); LaunchStubsTest fails when this file differs.\n */\n")
                .append("public final class ").append(stub).append(" {\n")
                .append("    private ").append(stub).append("() {\n    }\n");
        for (PortableKernel kernel : KernelCatalog.of(kernelClass)) {
            method(out, k, kernel);
        }
        return out.append("}\n").toString();
    }

    private static void method(StringBuilder out, String k, PortableKernel kernel) {
        Parameter[] params = kernel.method().getParameters();
        List<String> declared = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < params.length - 2; i++) {
            if (!params[i].isNamePresent()) {
                throw new IllegalStateException("compile the kernels with -parameters: " + kernel.name());
            }
            if (params[i].getName().equals("count") || params[i].getName().equals("costPerItem")) {
                throw new IllegalStateException(kernel.name() + " has a parameter named " + params[i].getName()
                        + ", which the stub uses for the loop");
            }
            declared.add(params[i].getType().getSimpleName() + " " + params[i].getName());
            names.add(params[i].getName());
        }
        String name = kernel.method().getName();
        out.append("\n    /** {@link ").append(k).append("#").append(name).append("} over {@code [0, count)}. */\n")
                .append("    public static void ").append(name).append("(int count, int costPerItem, ")
                .append(String.join(", ", declared)).append(") {\n")
                .append("        DeviceRuntime device = DeviceRuntime.current();\n")
                .append("        if (device != null) {\n")
                .append("            device.launch(\"").append(kernel.name()).append("\", count, ").append(String.join(", ", names))
                .append(");\n")
                .append("        } else {\n")
                .append("            Parallel.run(count, costPerItem, (lo, hi) -> ").append(k).append(".").append(name).append("(")
                .append(String.join(", ", names)).append(", lo, hi));\n")
                .append("        }\n")
                .append("    }\n");
    }
}
