package io.jemini.opencl.translate;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

/**
 * One portable kernel: a public static void method of a kernel class whose last two parameters
 * are the {@code (lo, hi)} range of its parallel outer loop. On a device each work-item runs the
 * kernel for one index, {@code (i, i + 1)}, so every output element keeps one owner.
 */
public record PortableKernel(Method method, List<ArgKind> args) {
    /** What a kernel argument is, as the device sees it. */
    public enum ArgKind {
        FLOAT_ARRAY(float[].class, "[F", "__global float*", 4),
        INT_ARRAY(int[].class, "[I", "__global int*", 4),
        DOUBLE_ARRAY(double[].class, "[D", "__global double*", 8),
        FLOAT(float.class, "F", "float", 4),
        INT(int.class, "I", "int", 4),
        LONG(long.class, "J", "long", 8);

        private final Class<?> javaType;
        private final String descriptor;
        private final String openCl;
        private final int elementBytes;

        ArgKind(Class<?> javaType, String descriptor, String openCl, int elementBytes) {
            this.javaType = javaType;
            this.descriptor = descriptor;
            this.openCl = openCl;
            this.elementBytes = elementBytes;
        }

        /** The size of one value, or of one element of an array. */
        public int elementBytes() {
            return elementBytes;
        }

        public Class<?> javaType() {
            return javaType;
        }

        /** The JVM local-variable slots a parameter of this kind takes ({@code long} takes two). */
        public int slots() {
            return javaType == long.class || javaType == double.class ? 2 : 1;
        }

        /** The kind of an array a kernel takes: {@code float[]}, {@code int[]} or {@code double[]}. */
        public static ArgKind ofArray(Object array) {
            for (ArgKind kind : values()) {
                if (kind.isArray() && kind.javaType.isInstance(array)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("only float[], int[] and double[] live on a device, not "
                    + (array == null ? "null" : array.getClass().getSimpleName()));
        }

        public String openCl() {
            return openCl;
        }

        public boolean isArray() {
            return javaType.isArray();
        }

        static ArgKind of(Class<?> type, Method m) {
            for (ArgKind kind : values()) {
                if (kind.javaType == type) {
                    return kind;
                }
            }
            throw new IllegalArgumentException(m.getDeclaringClass().getSimpleName() + "." + m.getName() + " takes a "
                    + type.getSimpleName() + "; portable kernels take float[], int[], double[], float, int and long only");
        }
    }

    /** Whether {@code m} has the shape of a portable kernel. */
    public static boolean isKernel(Method m) {
        Class<?>[] p = m.getParameterTypes();
        return Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers()) && m.getReturnType() == void.class
                && p.length >= 2 && p[p.length - 1] == int.class && p[p.length - 2] == int.class;
    }

    public static PortableKernel of(Method m) {
        if (!isKernel(m)) {
            throw new IllegalArgumentException(m + " is not a portable kernel: expected public static void f(..., int lo, int hi)");
        }
        Class<?>[] p = m.getParameterTypes();
        return new PortableKernel(m, Arrays.stream(p, 0, p.length - 2).map(t -> ArgKind.of(t, m)).toList());
    }

    /** The JVM method descriptor, {@code ([F[FIIII)V}, by which the translator finds the method. */
    public String descriptor() {
        StringBuilder d = new StringBuilder("(");
        args.forEach(a -> d.append(a.descriptor));
        return d.append("II)V").toString();
    }

    /** {@code SoftmaxKernels.softmax}: how errors, logs and the catalogue name it. */
    public String name() {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }

    /** The OpenCL entry point's name, {@code SoftmaxKernels_softmax}. */
    public String entryName() {
        return method.getDeclaringClass().getSimpleName() + "_" + method.getName();
    }
}
