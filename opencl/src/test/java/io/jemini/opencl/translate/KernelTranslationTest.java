package io.jemini.opencl.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every portable kernel translates to OpenCL C; what cannot be translated is reported by name. */
class KernelTranslationTest {
    @Test
    void theCatalogueHoldsEveryKernelClass() throws IOException {
        Path sources = Path.of("..", "tornado-kernels", "src", "main", "java", "io", "jemini", "kernels");
        Set<String> onDisk;
        try (Stream<Path> files = Files.list(sources)) {
            onDisk = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith("Kernels.java"))
                    .map(n -> n.substring(0, n.length() - ".java".length())).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> listed = KernelCatalog.CLASSES.stream().map(Class::getSimpleName).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(onDisk, listed);
        Set<String> names = new HashSet<>();
        for (PortableKernel k : KernelCatalog.all()) {
            assertTrue(names.add(k.name()), k.name() + " is overloaded; Aparapi cannot tell overloads apart");
        }
    }

    @Test
    void everyKernelTranslates() {
        List<String> failures = new ArrayList<>();
        for (PortableKernel k : KernelCatalog.all()) {
            try {
                TranslatedKernel t = OpenClTranslator.translate(k);
                assertTrue(t.entry().startsWith("__kernel void " + k.entryName() + "("), t.entry());
            } catch (TranslationException e) {
                failures.add(e.getMessage());
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void mathCallsBecomeTheMatchingBuiltIns() {
        String abs = OpenClTranslator.translate(KernelCatalog.find("UnaryKernels.abs").orElseThrow()).source();
        assertTrue(abs.contains("fabs("), abs);
        String softmax = OpenClTranslator.translate(KernelCatalog.find("SoftmaxKernels.softmax").orElseThrow()).source();
        assertTrue(softmax.contains("fmax(") && softmax.contains("exp(") && softmax.contains("cl_khr_fp64"), softmax);
    }

    @Test
    void theArraysAKernelWritesAreReadFromItsBytecode() {
        assertEquals(List.of(false, true, false, false), written("SoftmaxKernels.softmax"));
        assertEquals(List.of(true, false, true, true, false, false, false, false, false, false, false),
                written("OptimizerKernels.adamW"));
        assertEquals(List.of(false, false, true, true, false, false, false), written("CrossEntropyKernels.forward"));
        assertEquals(List.of(false, false, false, false, true, true, false, false, false, false),
                written("MoeKernels.combineBackward"));
        assertEquals(List.of(false, true, false, false, false), written("DropoutKernels.apply"));
    }

    private static List<Boolean> written(String kernel) {
        return OpenClTranslator.translate(KernelCatalog.find(kernel).orElseThrow()).writtenArgs();
    }

    @Test
    void anUntranslatableKernelIsNamedWithTheReason() throws NoSuchMethodException {
        PortableKernel broken = PortableKernel.of(UnportableKernels.class.getMethod("firstNegative",
                float[].class, int[].class, int.class, int.class, int.class));
        TranslationException e = assertThrows(TranslationException.class, () -> OpenClTranslator.translate(broken));
        assertTrue(e.getMessage().startsWith("kernel UnportableKernels.firstNegative cannot be translated to OpenCL: "),
                e.getMessage());
        PortableKernel signum = PortableKernel.of(UnportableKernels.class.getMethod("signum",
                float[].class, float[].class, int.class, int.class));
        assertThrows(TranslationException.class, () -> OpenClTranslator.translate(signum));
    }
}
