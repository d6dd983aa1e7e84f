package io.jemini.engine.device;

import io.jemini.opencl.runtime.DeviceBuffer;
import io.jemini.opencl.runtime.DeviceException;
import io.jemini.opencl.runtime.DeviceKernel;
import io.jemini.opencl.runtime.OpenClContext;
import io.jemini.opencl.runtime.Transfers;
import io.jemini.opencl.translate.KernelCatalog;
import io.jemini.opencl.translate.PortableKernel.ArgKind;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The OpenCL device the engine computes on when a run asks for {@code runtime.backend = opencl}:
 * every kernel launch of the ops goes to the device (the portable kernel, translated), matrix
 * products go to the tiled SGEMM, and arrays stay on the device between launches. There is no
 * fallback: a kernel that cannot be translated or built stops the run with its name.
 *
 * <p>With no device installed ({@link #current()} is null) the engine runs on the JVM backend.
 */
public final class DeviceRuntime implements AutoCloseable {
    /** Read-only int arrays up to this length are interned by value ({@link #interned}). */
    private static final int SMALL_INTS = 16;
    private static volatile DeviceRuntime current;

    private final OpenClContext context;
    private final Residency residency;
    private final Map<String, DeviceKernel> kernels = new HashMap<>();
    private final Map<ArgKind, DeviceBuffer> absent = new EnumMap<>(ArgKind.class);
    private final Map<Ints, DeviceBuffer> interned = new HashMap<>();

    /** Int array values as a map key (equal by content). */
    private record Ints(int[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Ints other && Arrays.equals(values, other.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }

    private DeviceRuntime(OpenClContext context) {
        this.context = context;
        this.residency = new Residency(context);
    }

    /** Opens the device {@code spec} names ({@code gpu}, {@code cpu}, a number or part of a name). */
    public static DeviceRuntime open(String spec) {
        return new DeviceRuntime(OpenClContext.open(spec));
    }

    /** The installed device, or null on the JVM backend. */
    public static DeviceRuntime current() {
        return current;
    }

    /** Makes {@code runtime} (null for the JVM backend) the engine's device, returning the previous one. */
    public static synchronized DeviceRuntime install(DeviceRuntime runtime) {
        DeviceRuntime previous = current;
        current = runtime;
        return previous;
    }

    public String deviceName() {
        return context.device().name();
    }

    public Transfers transfers() {
        return context.transfers();
    }

    /** Launches the portable kernel {@code name} ({@code Class.method}) over {@code [0, n)}. */
    public synchronized void launch(String name, int n, Object... args) {
        DeviceKernel kernel = kernel(name);
        Object[] call = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            ArgKind kind = kernel.kernel().args().get(i);
            if (args[i] == null && kind.isArray()) {
                call[i] = absent(kind);
            } else if (args[i] instanceof int[] small && small.length <= SMALL_INTS && !kernel.writes(i)
                    && !residency.tracks(small)) {
                call[i] = interned(small);
            } else {
                call[i] = isArray(args[i]) ? residency.onDevice(args[i]) : args[i];
            }
        }
        kernel.launch(n, call);
        for (int i = 0; i < args.length; i++) {
            if (isArray(args[i]) && kernel.writes(i)) {
                residency.deviceWrote(args[i]);
            }
        }
    }

    /**
     * The device copy of a small read-only int array that lives on the host (a shape or stride
     * list), shared by every launch that passes the same values, so such metadata crosses once,
     * not at every launch. Arrays a kernel has written are never interned: their values are on
     * the device.
     */
    private DeviceBuffer interned(int[] values) {
        DeviceBuffer buffer = interned.get(new Ints(values));
        if (buffer == null) {
            int[] kept = values.clone();
            buffer = context.copyOf(kept);
            interned.put(new Ints(kept), buffer);
        }
        return buffer;
    }

    /** A one-element buffer standing for an array a kernel is told not to touch (its Java argument is null). */
    private DeviceBuffer absent(ArgKind kind) {
        return absent.computeIfAbsent(kind, k -> context.allocate(k, 1));
    }

    /** {@code C (+)= op(A)·op(B)} on the device's tiled SGEMM; arguments as the portable gemm's. */
    public synchronized void gemm(float[] a, int aOff, int lda, boolean transA, float[] b, int bOff, int ldb, boolean transB,
                                  float[] c, int cOff, int ldc, int m, int n, int k, boolean accumulate) {
        DeviceBuffer da = residency.onDevice(a);
        DeviceBuffer db = residency.onDevice(b);
        DeviceBuffer dc = residency.onDevice(c);
        context.tiledGemm().gemm(da, aOff, lda, transA, db, bOff, ldb, transB, dc, cOff, ldc, m, n, k, accumulate);
        residency.deviceWrote(c);
    }

    /** Waits until every launch and copy issued so far has finished (for timing). */
    public void finish() {
        context.finish();
    }

    /** Makes the host copy of {@code array} current before host code reads it (and, with {@code hostWrites}, writes it). */
    public void toHost(Object array, boolean hostWrites) {
        residency.toHost(array, hostWrites);
    }

    private DeviceKernel kernel(String name) {
        DeviceKernel k = kernels.get(name);
        if (k == null) {
            k = context.kernel(KernelCatalog.find(name).orElseThrow(() ->
                    new DeviceException("no portable kernel is called " + name)));
            kernels.put(name, k);
        }
        return k;
    }

    private static boolean isArray(Object o) {
        return o instanceof float[] || o instanceof int[] || o instanceof double[];
    }

    @Override
    public void close() {
        if (current == this) {
            install(null);
        }
        absent.values().forEach(DeviceBuffer::close);
        interned.values().forEach(DeviceBuffer::close);
        context.close();
    }
}
