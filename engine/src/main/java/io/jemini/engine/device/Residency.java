package io.jemini.engine.device;

import io.jemini.opencl.runtime.DeviceBuffer;
import io.jemini.opencl.runtime.OpenClContext;
import io.jemini.opencl.translate.PortableKernel.ArgKind;
import java.lang.ref.Cleaner;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Where each array's current values are: on the host, on the device, or both. Arrays are tracked
 * by identity, so the engine's ops keep passing plain {@code float[]} to kernels; a device copy is
 * made on an array's first launch (a zero fill, not a copy, when the array holds only zeros), a
 * launch that writes an array leaves the host copy stale, and the host copy is refreshed only when
 * host code asks for it. A device buffer is released when its array is collected.
 */
final class Residency {
    private static final Cleaner CLEANER = Cleaner.create();

    private final OpenClContext context;
    private final Map<Object, Entry> entries = new WeakHashMap<>();

    /** One tracked array: its device buffer and which copies hold its current values. */
    private static final class Entry {
        final DeviceBuffer buffer;
        boolean hostCurrent = true;
        boolean deviceCurrent;

        Entry(DeviceBuffer buffer) {
            this.buffer = buffer;
        }
    }

    Residency(OpenClContext context) {
        this.context = context;
    }

    /** The device buffer of {@code array}, holding its current values. */
    synchronized DeviceBuffer onDevice(Object array) {
        Entry e = entries.get(array);
        if (e == null) {
            DeviceBuffer buffer = context.allocate(ArgKind.ofArray(array), java.lang.reflect.Array.getLength(array));
            CLEANER.register(array, buffer::close);
            e = new Entry(buffer);
            entries.put(array, e);
        }
        if (!e.deviceCurrent) {
            if (allZero(array)) {
                e.buffer.fillZero();
            } else {
                e.buffer.write(array);
            }
            e.deviceCurrent = true;
        }
        return e.buffer;
    }

    /** Whether {@code array} has a device buffer (its values may then be newer there than on the host). */
    synchronized boolean tracks(Object array) {
        return entries.containsKey(array);
    }

    /** Records that a launch wrote {@code array} on the device. */
    synchronized void deviceWrote(Object array) {
        Entry e = entries.get(array);
        if (e != null) {
            e.hostCurrent = false;
            e.deviceCurrent = true;
        }
    }

    /** Makes the host copy current; with {@code hostWrites} the device copy is then out of date. */
    synchronized void toHost(Object array, boolean hostWrites) {
        Entry e = entries.get(array);
        if (e == null) {
            return;
        }
        if (!e.hostCurrent) {
            e.buffer.read(array);
            e.hostCurrent = true;
        }
        if (hostWrites) {
            e.deviceCurrent = false;
        }
    }

    /** Whether every element's bits are zero: such an array is filled on the device instead of copied. */
    private static boolean allZero(Object array) {
        if (array instanceof float[] f) {
            for (float x : f) {
                if (Float.floatToRawIntBits(x) != 0) {
                    return false;
                }
            }
            return true;
        }
        if (array instanceof int[] v) {
            for (int x : v) {
                if (x != 0) {
                    return false;
                }
            }
            return true;
        }
        for (double x : (double[]) array) {
            if (Double.doubleToRawLongBits(x) != 0) {
                return false;
            }
        }
        return true;
    }
}
