package io.jemini.engine.launch;

import io.jemini.engine.device.DeviceRuntime;

/**
 * Host code's access to arrays that kernels wrote: on a device run, {@code read} brings the
 * device's values back first (the device keeps its copy) and {@code write} also marks the device
 * copy out of date. On the JVM backend each is the array itself. Only arrays that are not a tensor's storage go through here; tensors have
 * {@code read()} and {@code data()}.
 */
public final class Host {
    private Host() {
    }

    public static float[] read(float[] array) {
        return sync(array, false);
    }

    public static double[] read(double[] array) {
        return sync(array, false);
    }

    public static int[] read(int[] array) {
        return sync(array, false);
    }

    /** The array for host code that writes it: the device copy is refreshed at its next launch. */
    public static float[] write(float[] array) {
        return sync(array, true);
    }

    private static <A> A sync(A array, boolean hostWrites) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.toHost(array, hostWrites);
        }
        return array;
    }
}
