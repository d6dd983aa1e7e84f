package io.jemini.opencl.runtime;

import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_TRUE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clEnqueueFillBuffer;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clEnqueueWriteBuffer;
import static org.jocl.CL.clReleaseMemObject;

import io.jemini.opencl.translate.PortableKernel.ArgKind;
import org.jocl.Pointer;
import org.jocl.cl_mem;

/**
 * An array in device memory that Jemini owns: created once, shared by every kernel that takes it,
 * never moved by the Java garbage collector. Copies in and out are explicit and counted.
 */
public final class DeviceBuffer implements AutoCloseable {
    private final OpenClContext context;
    private final ArgKind kind;
    private final int length;
    private cl_mem mem;

    DeviceBuffer(OpenClContext context, ArgKind kind, int length) {
        if (!kind.isArray()) {
            throw new IllegalArgumentException("a device buffer holds an array, not a " + kind);
        }
        this.context = context;
        this.kind = kind;
        this.length = length;
        long bytes = Math.max(1, (long) length) * kind.elementBytes();
        this.mem = clCreateBuffer(context.context(), CL_MEM_READ_WRITE, bytes, null, null);
    }

    public ArgKind kind() {
        return kind;
    }

    public int length() {
        return length;
    }

    long bytes() {
        return (long) length * kind.elementBytes();
    }

    cl_mem mem() {
        if (mem == null) {
            throw new IllegalStateException("device buffer of " + length + " " + kind + " used after close");
        }
        return mem;
    }

    /** Sets every element to zero on the device: no copy crosses. */
    public void fillZero() {
        if (length > 0) {
            clEnqueueFillBuffer(context.queue(), mem(), Pointer.to(new byte[] {0}), 1, 0, bytes(), 0, null, null);
        }
    }

    /** Copies {@code array} ({@code float[]}, {@code int[]} or {@code double[]} of this buffer's kind and length) in. */
    public void write(Object array) {
        Pointer src = pointer(array);
        if (length > 0) {
            clEnqueueWriteBuffer(context.queue(), mem(), CL_TRUE, 0, bytes(), src, 0, null, null);
        }
        context.transfers().upload(bytes());
    }

    /** Copies the device's values out into {@code array}, of this buffer's kind and length. */
    public void read(Object array) {
        Pointer dst = pointer(array);
        if (length > 0) {
            clEnqueueReadBuffer(context.queue(), mem(), CL_TRUE, 0, bytes(), dst, 0, null, null);
        }
        context.transfers().download(bytes());
    }

    private Pointer pointer(Object array) {
        check(java.lang.reflect.Array.getLength(array), ArgKind.ofArray(array));
        return switch (array) {
            case float[] f -> Pointer.to(f);
            case int[] v -> Pointer.to(v);
            case double[] v -> Pointer.to(v);
            default -> throw new IllegalArgumentException("not a kernel array: " + array.getClass().getSimpleName());
        };
    }

    private void check(int n, ArgKind of) {
        if (of != kind || n != length) {
            throw new IllegalArgumentException("device buffer of " + length + " " + kind + " cannot be copied to or from "
                    + n + " " + of);
        }
    }

    @Override
    public void close() {
        if (mem != null) {
            clReleaseMemObject(mem);
            mem = null;
        }
    }
}
