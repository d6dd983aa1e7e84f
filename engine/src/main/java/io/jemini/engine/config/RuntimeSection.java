package io.jemini.engine.config;

/**
 * Where a run computes: {@code backend} {@code jvm} (the CPU, the default) or {@code opencl} (an
 * OpenCL device), and for {@code opencl} which {@code device}: {@code auto} (the first GPU, else
 * the first device), {@code gpu}, {@code cpu}, a number from {@code jemini devices} or a unique
 * part of a device's name.
 */
public record RuntimeSection(Backend backend, String device) {
    public boolean onDevice() {
        return backend == Backend.OPENCL;
    }

    public void check(Checks c) {
        c.require(device != null && !device.isBlank(), "runtime.device", device,
                "use auto, gpu, cpu, a device number or part of a device name (see jemini devices)");
    }
}
