package io.jemini.opencl.runtime;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.clBuildProgram;
import static org.jocl.CL.clCreateCommandQueueWithProperties;
import static org.jocl.CL.clCreateContext;
import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clCreateProgramWithSource;
import static org.jocl.CL.clFinish;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetProgramBuildInfo;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clReleaseContext;
import static org.jocl.CL.clReleaseKernel;
import static org.jocl.CL.clReleaseProgram;

import io.jemini.opencl.OpenClDevices.Device;
import io.jemini.opencl.OpenClDevices;
import io.jemini.opencl.translate.KernelCatalog;
import io.jemini.opencl.translate.OpenClTranslator;
import io.jemini.opencl.translate.PortableKernel.ArgKind;
import io.jemini.opencl.translate.PortableKernel;
import io.jemini.opencl.translate.TranslatedKernel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;
import org.jocl.cl_program;
import org.jocl.cl_queue_properties;

/**
 * One OpenCL device opened for Jemini: its context, one in-order queue, the kernels built for it
 * and the buffers it holds. Kernels are built a class at a time on first use (one program per
 * kernel class, from Aparapi's translation of the portable source) and cached.
 */
public final class OpenClContext implements AutoCloseable {
    private final Device device;
    private final cl_device_id id;
    private final cl_context context;
    private final cl_command_queue queue;
    private final boolean fp64;
    private final Transfers transfers = new Transfers();
    private final Map<String, DeviceKernel> kernels = new HashMap<>();
    private final List<cl_program> programs = new ArrayList<>();
    private TiledGemm tiledGemm;

    private OpenClContext(Device device) {
        CL.setExceptionsEnabled(true);
        this.device = device;
        this.id = OpenClDevices.handle(device);
        cl_context_properties properties = new cl_context_properties();
        properties.addProperty(CL_CONTEXT_PLATFORM, platformOf(id));
        this.context = clCreateContext(properties, 1, new cl_device_id[] {id}, null, null, null);
        this.queue = clCreateCommandQueueWithProperties(context, id, new cl_queue_properties(), null);
        this.fp64 = OpenClDevices.extensions(id).contains("cl_khr_fp64");
    }

    /** Opens the device {@code spec} names ({@code gpu}, {@code cpu}, a number or part of a name). */
    public static OpenClContext open(String spec) {
        Device device = DeviceChoice.select(spec, OpenClDevices.list());
        try {
            return new OpenClContext(device);
        } catch (CLException e) {
            throw new DeviceException("cannot open OpenCL device " + device.name() + ": " + e.getMessage(), e);
        }
    }

    private static cl_platform_id platformOf(cl_device_id id) {
        cl_platform_id platform = new cl_platform_id();
        clGetDeviceInfo(id, CL.CL_DEVICE_PLATFORM, Sizeof.cl_platform_id, Pointer.to(platform), null);
        return platform;
    }

    public Device device() {
        return device;
    }

    public Transfers transfers() {
        return transfers;
    }

    cl_context context() {
        return context;
    }

    cl_command_queue queue() {
        return queue;
    }

    /** A buffer of {@code length} elements, its contents undefined until written. */
    public DeviceBuffer allocate(ArgKind kind, int length) {
        return new DeviceBuffer(this, kind, length);
    }

    /** A buffer holding a copy of {@code array} ({@code float[]}, {@code int[]} or {@code double[]}). */
    public DeviceBuffer copyOf(Object array) {
        DeviceBuffer buffer = allocate(ArgKind.ofArray(array), java.lang.reflect.Array.getLength(array));
        buffer.write(array);
        return buffer;
    }

    /** The kernel called {@code Class.method}, building its class's program on first use. */
    public synchronized DeviceKernel kernel(PortableKernel kernel) {
        DeviceKernel built = kernels.get(kernel.name());
        if (built == null) {
            buildClass(kernel.method().getDeclaringClass());
            built = kernels.get(kernel.name());
        }
        return built;
    }

    /** The tiled SGEMM fast path, built on first use. */
    public synchronized TiledGemm tiledGemm() {
        if (tiledGemm == null) {
            tiledGemm = new TiledGemm(this);
        }
        return tiledGemm;
    }

    /** Builds every kernel of one kernel class as one program: a translation or build failure names the kernel. */
    private void buildClass(Class<?> kernelClass) {
        List<TranslatedKernel> translated = KernelCatalog.of(kernelClass).stream().map(OpenClTranslator::translate).toList();
        cl_program program = build(kernelClass.getSimpleName(), TranslatedKernel.program(translated),
                translated.stream().anyMatch(TranslatedKernel::usesDoubles));
        for (TranslatedKernel t : translated) {
            kernels.put(t.kernel().name(), new DeviceKernel(this, t.kernel(), t.writtenArgs(),
                    clCreateKernel(program, t.kernel().entryName(), null)));
        }
    }

    /** Compiles OpenCL C for this device; a failure carries the compiler's log. */
    public cl_program build(String what, String source, boolean usesDoubles) {
        if (usesDoubles && !fp64) {
            throw new DeviceException(what + " computes in double precision, which OpenCL device " + device.name()
                    + " does not support (no cl_khr_fp64)");
        }
        cl_program program = clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
        try {
            clBuildProgram(program, 1, new cl_device_id[] {id}, "-cl-std=CL1.2", null, null);
        } catch (CLException e) {
            String log = buildLog(program);
            clReleaseProgram(program);
            throw new DeviceException(what + " does not build for OpenCL device " + device.name() + ": "
                    + firstError(log), new CLException(log));
        }
        programs.add(program);
        return program;
    }

    private String buildLog(cl_program program) {
        return OpenClDevices.string((size, value, sizeOut) ->
                clGetProgramBuildInfo(program, id, CL_PROGRAM_BUILD_LOG, size, value, sizeOut));
    }

    private static String firstError(String log) {
        for (String line : log.split("\n")) {
            if (line.contains("error")) {
                return line.strip();
            }
        }
        return log.isEmpty() ? "(no build log)" : log.lines().findFirst().orElse("");
    }

    /** Waits until every queued launch and copy has finished. */
    public void finish() {
        clFinish(queue);
    }

    @Override
    public synchronized void close() {
        kernels.values().forEach(k -> clReleaseKernel(k.handle()));
        kernels.clear();
        if (tiledGemm != null) {
            clReleaseKernel(tiledGemm.handle());
            tiledGemm = null;
        }
        programs.forEach(CL::clReleaseProgram);
        programs.clear();
        clReleaseCommandQueue(queue);
        clReleaseContext(context);
    }
}
