package io.jemini.opencl.runtime;

import static org.jocl.CL.clEnqueueNDRangeKernel;

import io.jemini.opencl.translate.PortableKernel.ArgKind;
import io.jemini.opencl.translate.PortableKernel;
import java.util.List;
import org.jocl.cl_kernel;

/**
 * A portable kernel built for one device: {@link #launch} runs it over {@code [0, n)}, one
 * work-item per index of its parallel loop, with device buffers where the Java kernel takes
 * arrays and boxed numbers where it takes scalars.
 */
public final class DeviceKernel {
    private final OpenClContext context;
    private final PortableKernel kernel;
    private final List<Boolean> writtenArgs;
    private final cl_kernel handle;

    DeviceKernel(OpenClContext context, PortableKernel kernel, List<Boolean> writtenArgs, cl_kernel handle) {
        this.context = context;
        this.kernel = kernel;
        this.writtenArgs = writtenArgs;
        this.handle = handle;
    }

    /** Whether the kernel stores into array argument {@code i} (so its host copy is stale after a launch). */
    public boolean writes(int i) {
        return writtenArgs.get(i);
    }

    public PortableKernel kernel() {
        return kernel;
    }

    cl_kernel handle() {
        return handle;
    }

    /** Enqueues the kernel over {@code n} indices; arguments as the Java kernel's, without {@code lo, hi}. */
    public synchronized void launch(int n, Object... args) {
        List<ArgKind> kinds = kernel.args();
        if (args.length != kinds.size()) {
            throw new IllegalArgumentException(kernel.name() + " takes " + kinds.size() + " arguments before (lo, hi), got "
                    + args.length);
        }
        if (n <= 0) {
            return;
        }
        for (int i = 0; i < args.length; i++) {
            setArg(i, kinds.get(i), args[i]);
        }
        KernelArgs.set(handle, args.length, n);
        clEnqueueNDRangeKernel(context.queue(), handle, 1, null, new long[] {n}, null, 0, null, null);
    }

    private void setArg(int i, ArgKind kind, Object value) {
        if (kind.isArray()) {
            if (!(value instanceof DeviceBuffer buffer) || buffer.kind() != kind) {
                throw new IllegalArgumentException(kernel.name() + " argument " + i + " is a " + kind.javaType().getSimpleName()
                        + " and needs a device buffer of that kind, got " + describe(value));
            }
        } else if (value == null || !kind.javaType().equals(unboxed(value.getClass()))) {
            throw new IllegalArgumentException(kernel.name() + " argument " + i + " is a " + kind.javaType().getSimpleName()
                    + ", got " + describe(value));
        }
        KernelArgs.set(handle, i, value);
    }

    private static Class<?> unboxed(Class<?> boxed) {
        return boxed == Float.class ? float.class : boxed == Integer.class ? int.class : boxed == Long.class ? long.class : boxed;
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
