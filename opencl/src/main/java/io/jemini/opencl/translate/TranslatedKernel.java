package io.jemini.opencl.translate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A portable kernel in OpenCL C: the functions it needs (its own and those of the static methods
 * it calls, callees first), whether they use {@code double}, a {@code __kernel} entry named
 * {@link PortableKernel#entryName()}, and which array arguments it writes (what a launch leaves
 * newer on the device than on the host).
 */
public record TranslatedKernel(PortableKernel kernel, Map<String, String> functions, boolean usesDoubles, String entry,
                               List<Boolean> writtenArgs) {
    public TranslatedKernel {
        functions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(functions));
        writtenArgs = List.copyOf(writtenArgs);
    }

    /** This kernel alone as a compilable program. */
    public String source() {
        return program(List.of(this));
    }

    /** Several kernels as one program: shared functions appear once, each entry point once. */
    public static String program(List<TranslatedKernel> kernels) {
        Map<String, String> functions = new LinkedHashMap<>();
        boolean doubles = false;
        StringBuilder entries = new StringBuilder();
        for (TranslatedKernel k : kernels) {
            k.functions.forEach(functions::putIfAbsent);
            doubles |= k.usesDoubles;
            entries.append(k.entry);
        }
        StringBuilder out = new StringBuilder(doubles ? "#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n" : "");
        functions.values().forEach(out::append);
        return out.append(entries).toString();
    }
}
