package io.jemini.opencl.translate;

/** A portable kernel that Aparapi's translator cannot turn into OpenCL C, with the kernel's name and the reason. */
public final class TranslationException extends RuntimeException {
    private final transient PortableKernel kernel;

    public TranslationException(PortableKernel kernel, Throwable cause) {
        super("kernel " + kernel.name() + " cannot be translated to OpenCL: " + reason(cause), cause);
        this.kernel = kernel;
    }

    public PortableKernel kernel() {
        return kernel;
    }

    private static String reason(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
