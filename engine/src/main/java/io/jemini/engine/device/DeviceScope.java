package io.jemini.engine.device;

import io.jemini.engine.config.RuntimeSection;
import io.jemini.opencl.OpenClDevices;
import io.jemini.opencl.runtime.DeviceChoice;
import io.jemini.opencl.runtime.DeviceException;
import io.jemini.opencl.runtime.Transfers;
import java.util.Locale;

/**
 * The backend of one run, held for its duration: on {@code runtime.backend = opencl} it opens the
 * device, refuses it up front when the run's tensors cannot fit its memory, and installs it for
 * the engine; closing uninstalls and releases it. On {@code jvm} it does nothing.
 */
public final class DeviceScope implements AutoCloseable {
    private final DeviceRuntime device;

    private DeviceScope(DeviceRuntime device) {
        this.device = device;
    }

    /**
     * Opens the backend {@code runtime} asks for; {@code bytesNeeded} is the run's estimate of
     * what its parameters, optimizer state and activations occupy.
     */
    public static DeviceScope open(RuntimeSection runtime, double bytesNeeded) {
        if (!runtime.onDevice()) {
            return new DeviceScope(null);
        }
        check(runtime, bytesNeeded);
        DeviceRuntime device = DeviceRuntime.open(runtime.device());
        DeviceRuntime.install(device);
        return new DeviceScope(device);
    }

    /**
     * Refuses {@code runtime} when it names no device or one with less memory than
     * {@code bytesNeeded}, from the device listing alone (no context is opened): what a run checks
     * before it writes anything.
     */
    public static void check(RuntimeSection runtime, double bytesNeeded) {
        if (!runtime.onDevice()) {
            return;
        }
        OpenClDevices.Device device = DeviceChoice.select(runtime.device(), OpenClDevices.list());
        if (bytesNeeded > device.globalMemoryBytes()) {
            throw new DeviceException(String.format(Locale.ROOT, "OpenCL device %s has %.0f MiB of memory; this run needs "
                    + "about %.0f MiB for its parameters, optimizer state and activations: lower model or train.batch_size, "
                    + "or choose another runtime.device", device.name(), device.globalMemoryBytes() / 1048576.0,
                    bytesNeeded / 1048576.0));
        }
    }

    public boolean onDevice() {
        return device != null;
    }

    /** {@code opencl on <device>} or {@code jvm}: what the run banner and results name. */
    public String describe() {
        return device == null ? "jvm" : "opencl on " + device.deviceName();
    }

    /** What crossed between host and device so far (zeros on the JVM backend). */
    public Transfers.Snapshot transfers() {
        return device == null ? Transfers.Snapshot.NONE : device.transfers().snapshot();
    }

    @Override
    public void close() {
        if (device != null) {
            device.close();
        }
    }
}
