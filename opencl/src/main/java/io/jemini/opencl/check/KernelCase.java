package io.jemini.opencl.check;

import io.jemini.opencl.runtime.DeviceBuffer;
import io.jemini.opencl.runtime.OpenClContext;
import io.jemini.opencl.translate.KernelCatalog;
import io.jemini.opencl.translate.PortableKernel;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

/**
 * One kernel launch with concrete arguments, run on the JVM (the portable kernel itself) and on a
 * device from the same inputs, so the two results can be compared array by array.
 *
 * @param reduction the longest sum an output element accumulates, which scales the float tolerance
 */
public record KernelCase(String kernel, int n, int reduction, Object... args) {
    public PortableKernel portable() {
        return KernelCatalog.find(kernel).orElseThrow(() -> new IllegalArgumentException("no kernel " + kernel));
    }

    /** Runs the JVM kernel on the arguments themselves, to prepare another case's inputs. */
    public void runOnJvmInPlace() {
        Object[] call = java.util.Arrays.copyOf(args, args.length + 2);
        call[args.length] = 0;
        call[args.length + 1] = n;
        invoke(call);
    }

    private void invoke(Object[] call) {
        try {
            portable().method().invoke(null, call);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(kernel + " failed on the JVM", e);
        }
    }

    /** The arguments after the JVM kernel ran on copies of them. */
    public Object[] runOnJvm() {
        Object[] call = new Object[args.length + 2];
        for (int i = 0; i < args.length; i++) {
            call[i] = copy(args[i]);
        }
        call[args.length] = 0;
        call[args.length + 1] = n;
        invoke(call);
        return java.util.Arrays.copyOf(call, args.length);
    }

    /** The arguments after the device kernel ran on uploaded copies of them, read back. */
    public Object[] runOnDevice(OpenClContext device) {
        List<DeviceBuffer> buffers = new ArrayList<>();
        Object[] call = new Object[args.length];
        try {
            for (int i = 0; i < args.length; i++) {
                if (isArray(args[i])) {
                    DeviceBuffer b = device.copyOf(args[i]);
                    buffers.add(b);
                    call[i] = b;
                } else {
                    call[i] = args[i];
                }
            }
            device.kernel(portable()).launch(n, call);
            Object[] out = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                out[i] = copy(args[i]);
                if (call[i] instanceof DeviceBuffer b) {
                    b.read(out[i]);
                }
            }
            return out;
        } finally {
            buffers.forEach(DeviceBuffer::close);
        }
    }

    private static boolean isArray(Object o) {
        return o instanceof float[] || o instanceof int[] || o instanceof double[];
    }

    private static Object copy(Object o) {
        return switch (o) {
            case float[] f -> f.clone();
            case int[] v -> v.clone();
            case double[] v -> v.clone();
            default -> o;
        };
    }

    @Override
    public String toString() {
        return kernel + " over " + n;
    }
}
