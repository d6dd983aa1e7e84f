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

    public void write(float[] src) {
        write(Pointer.to(src), src.length, ArgKind.FLOAT_ARRAY);
    }

    public void write(int[] src) {
        write(Pointer.to(src), src.length, ArgKind.INT_ARRAY);
    }

    public void write(double[] src) {
        write(Pointer.to(src), src.length, ArgKind.DOUBLE_ARRAY);
    }

    public void read(float[] dst) {
        read(Pointer.to(dst), dst.length, ArgKind.FLOAT_ARRAY);
    }

    public void read(int[] dst) {
        read(Pointer.to(dst), dst.length, ArgKind.INT_ARRAY);
    }

    public void read(double[] dst) {
        read(Pointer.to(dst), dst.length, ArgKind.DOUBLE_ARRAY);
    }

    private void write(Pointer src, int n, ArgKind of) {
        check(n, of);
        if (n > 0) {
            clEnqueueWriteBuffer(context.queue(), mem(), CL_TRUE, 0, bytes(), src, 0, null, null);
        }
        context.transfers().upload(bytes());
    }

    private void read(Pointer dst, int n, ArgKind of) {
        check(n, of);
        if (n > 0) {
            clEnqueueReadBuffer(context.queue(), mem(), CL_TRUE, 0, bytes(), dst, 0, null, null);
        }
        context.transfers().download(bytes());
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
