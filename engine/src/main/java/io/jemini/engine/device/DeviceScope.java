package io.jemini.engine.device;

import io.jemini.engine.config.RuntimeSection;
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
        DeviceRuntime device = DeviceRuntime.open(runtime.device());
        long available = device.memoryBytes();
        if (bytesNeeded > available) {
            device.close();
            throw new DeviceException(String.format(Locale.ROOT, "OpenCL device %s has %.0f MiB of memory; this run needs "
                    + "about %.0f MiB for its parameters, optimizer state and activations: lower model or train.batch_size, "
                    + "or choose another runtime.device", device.deviceName(), available / 1048576.0, bytesNeeded / 1048576.0));
        }
        DeviceRuntime.install(device);
        return new DeviceScope(device);
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
