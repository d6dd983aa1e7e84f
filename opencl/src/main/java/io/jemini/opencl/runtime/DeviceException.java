package io.jemini.opencl.runtime;

/** Something the OpenCL backend cannot do, said in one line: no device, no memory, a kernel that does not build. */
public final class DeviceException extends RuntimeException {
    public DeviceException(String message) {
        super(message);
    }

    public DeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
