package io.jemini.opencl.runtime;

import static org.jocl.CL.clSetKernelArg;

import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;

/** Sets one argument of a built kernel from its Java value: a device buffer, an int, a float or a long. */
final class KernelArgs {
    private KernelArgs() {
    }

    /** Sets argument {@code index}. */
    static void set(cl_kernel kernel, int index, Object value) {
        switch (value) {
            case DeviceBuffer buffer -> clSetKernelArg(kernel, index, Sizeof.cl_mem, Pointer.to(buffer.mem()));
            case Integer v -> clSetKernelArg(kernel, index, Sizeof.cl_int, Pointer.to(new int[] {v}));
            case Float v -> clSetKernelArg(kernel, index, Sizeof.cl_float, Pointer.to(new float[] {v}));
            case Long v -> clSetKernelArg(kernel, index, Sizeof.cl_long, Pointer.to(new long[] {v}));
            case null, default -> throw new IllegalArgumentException("kernel argument " + index + " cannot be "
                    + (value == null ? "null" : "a " + value.getClass().getSimpleName()));
        }
    }
}
