package io.jemini.opencl.translate;

import io.jemini.kernels.BinaryKernels;
import io.jemini.kernels.CrossEntropyKernels;
import io.jemini.kernels.DropoutKernels;
import io.jemini.kernels.FlashAttentionKernels;
import io.jemini.kernels.IndexKernels;
import io.jemini.kernels.MatmulKernels;
import io.jemini.kernels.MoeKernels;
import io.jemini.kernels.NormKernels;
import io.jemini.kernels.OptimizerKernels;
import io.jemini.kernels.ReduceKernels;
import io.jemini.kernels.RotaryKernels;
import io.jemini.kernels.SoftmaxKernels;
import io.jemini.kernels.SparseSimilarityKernels;
import io.jemini.kernels.UnaryKernels;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Every portable kernel of {@code io.jemini.kernels}, in a fixed order (class, then method name). */
public final class KernelCatalog {
    /** The kernel classes; a test checks that no class of the package is missing. */
    public static final List<Class<?>> CLASSES = List.of(BinaryKernels.class, CrossEntropyKernels.class,
            DropoutKernels.class, FlashAttentionKernels.class, IndexKernels.class, MatmulKernels.class, MoeKernels.class,
            NormKernels.class, OptimizerKernels.class, ReduceKernels.class, RotaryKernels.class, SoftmaxKernels.class,
            SparseSimilarityKernels.class, UnaryKernels.class);

    private KernelCatalog() {
    }

    private static final List<PortableKernel> ALL = CLASSES.stream().flatMap(c -> of(c).stream()).toList();

    public static List<PortableKernel> all() {
        return ALL;
    }

    public static List<PortableKernel> of(Class<?> kernelClass) {
        return Arrays.stream(kernelClass.getDeclaredMethods())
                .filter(PortableKernel::isKernel)
                .sorted(Comparator.comparing(Method::getName))
                .map(PortableKernel::of)
                .toList();
    }

    /** The kernel called {@code Class.method}, if there is one. */
    public static Optional<PortableKernel> find(String name) {
        return ALL.stream().filter(k -> k.name().equals(name)).findFirst();
    }
}
