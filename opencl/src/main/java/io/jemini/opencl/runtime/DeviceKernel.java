package io.jemini.opencl.runtime;

import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clSetKernelArg;

import io.jemini.opencl.translate.PortableKernel;
import io.jemini.opencl.translate.PortableKernel.ArgKind;
import java.util.List;
import org.jocl.Pointer;
import org.jocl.Sizeof;
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
        clSetKernelArg(handle, args.length, Sizeof.cl_int, Pointer.to(new int[] {n}));
        clEnqueueNDRangeKernel(context.queue(), handle, 1, null, new long[] {n}, null, 0, null, null);
    }

    private void setArg(int i, ArgKind kind, Object value) {
        if (kind.isArray()) {
            if (!(value instanceof DeviceBuffer buffer) || buffer.kind() != kind) {
                throw new IllegalArgumentException(kernel.name() + " argument " + i + " is a " + kind.javaType().getSimpleName()
                        + " and needs a device buffer of that kind, got " + describe(value));
            }
            clSetKernelArg(handle, i, Sizeof.cl_mem, Pointer.to(buffer.mem()));
            return;
        }
        Pointer p = switch (kind) {
            case FLOAT -> value instanceof Float f ? Pointer.to(new float[] {f}) : null;
            case INT -> value instanceof Integer v ? Pointer.to(new int[] {v}) : null;
            case LONG -> value instanceof Long v ? Pointer.to(new long[] {v}) : null;
            default -> null;
        };
        if (p == null) {
            throw new IllegalArgumentException(kernel.name() + " argument " + i + " is a " + kind.javaType().getSimpleName()
                    + ", got " + describe(value));
        }
        clSetKernelArg(handle, i, kind.elementBytes(), p);
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
