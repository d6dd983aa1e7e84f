package io.jemini.opencl;

import static org.jocl.CL.CL_DEVICE_AVAILABLE;
import static org.jocl.CL.CL_DEVICE_EXTENSIONS;
import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_MAX_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ACCELERATOR;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_CPU;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_DEVICE_VENDOR;
import static org.jocl.CL.CL_DEVICE_VERSION;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.CL_PLATFORM_VERSION;
import static org.jocl.CL.clGetDeviceIDs;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetPlatformIDs;
import static org.jocl.CL.clGetPlatformInfo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * The OpenCL platforms and devices this machine offers, through the system's ICD loader (JOCL):
 * what {@code jemini devices} prints and what a run asking for {@code runtime.backend = opencl}
 * will choose from. Finding none is an answer with its reason, not an exception.
 */
public final class OpenClDevices {
    /** One device of one platform, with what choosing and sizing work for it needs. */
    public record Device(int platform, int index, String platformName, String platformVersion, String name, String vendor,
                         String type, String version, int computeUnits, long globalMemoryBytes, long maxWorkGroupSize,
                         boolean available) {
    }

    /** The devices found, or none and why. */
    public record Listing(List<Device> devices, String problem) {
        public boolean isEmpty() {
            return devices.isEmpty();
        }
    }

    private OpenClDevices() {
    }

    public static Listing list() {
        try {
            CL.setExceptionsEnabled(true);
            int[] count = new int[1];
            clGetPlatformIDs(0, null, count);
            if (count[0] == 0) {
                return new Listing(List.of(), "no OpenCL platform is installed (Debian: apt-get install pocl-opencl-icd "
                        + "for a CPU device, or the GPU vendor's OpenCL driver)");
            }
            cl_platform_id[] platforms = new cl_platform_id[count[0]];
            clGetPlatformIDs(platforms.length, platforms, null);
            List<Device> devices = new ArrayList<>();
            for (int p = 0; p < platforms.length; p++) {
                devices.addAll(devices(p, platforms[p]));
            }
            return new Listing(List.copyOf(devices), devices.isEmpty() ? "the OpenCL platforms report no device" : null);
        } catch (UnsatisfiedLinkError e) {
            return new Listing(List.of(), "the OpenCL ICD loader cannot be loaded (" + e.getMessage() + "; Debian: apt-get "
                    + "install ocl-icd-libopencl1 pocl-opencl-icd)");
        } catch (CLException e) {
            return new Listing(List.of(), "OpenCL reports " + e.getMessage() + " (-1001 means no platform is installed: "
                    + "apt-get install pocl-opencl-icd)");
        }
    }

    /** The JOCL handle of a listed device, for opening a context on it. */
    public static cl_device_id handle(Device device) {
        cl_platform_id[] platforms = new cl_platform_id[device.platform() + 1];
        clGetPlatformIDs(platforms.length, platforms, null);
        cl_device_id[] ids = new cl_device_id[device.index() + 1];
        clGetDeviceIDs(platforms[device.platform()], CL_DEVICE_TYPE_ALL, ids.length, ids, null);
        return ids[device.index()];
    }

    /** The device's OpenCL extensions, e.g. whether it has {@code cl_khr_fp64}. */
    public static String extensions(cl_device_id device) {
        return deviceString(device, CL_DEVICE_EXTENSIONS);
    }

    private static List<Device> devices(int p, cl_platform_id platform) {
        int[] count = new int[1];
        try {
            clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, count);
        } catch (CLException e) {
            return List.of();
        }
        cl_device_id[] ids = new cl_device_id[count[0]];
        clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, ids.length, ids, null);
        String platformName = platformString(platform, CL_PLATFORM_NAME);
        String platformVersion = platformString(platform, CL_PLATFORM_VERSION);
        List<Device> out = new ArrayList<>();
        for (int d = 0; d < ids.length; d++) {
            cl_device_id id = ids[d];
            out.add(new Device(p, d, platformName, platformVersion, deviceString(id, CL_DEVICE_NAME),
                    deviceString(id, CL_DEVICE_VENDOR), type(deviceLong(id, CL_DEVICE_TYPE)), deviceString(id, CL_DEVICE_VERSION),
                    (int) deviceInt(id, CL_DEVICE_MAX_COMPUTE_UNITS), deviceLong(id, CL_DEVICE_GLOBAL_MEM_SIZE),
                    deviceSize(id, CL_DEVICE_MAX_WORK_GROUP_SIZE), deviceInt(id, CL_DEVICE_AVAILABLE) != 0));
        }
        return out;
    }

    private static String type(long bits) {
        List<String> names = new ArrayList<>();
        if ((bits & CL_DEVICE_TYPE_GPU) != 0) {
            names.add("gpu");
        }
        if ((bits & CL_DEVICE_TYPE_CPU) != 0) {
            names.add("cpu");
        }
        if ((bits & CL_DEVICE_TYPE_ACCELERATOR) != 0) {
            names.add("accelerator");
        }
        return names.isEmpty() ? "other" : String.join("+", names);
    }

    /** One {@code clGet…Info} call: writes {@code size} bytes to {@code value}, or the size needed to {@code sizeOut}. */
    @FunctionalInterface
    public interface InfoQuery {
        void get(long size, Pointer value, long[] sizeOut);
    }

    private static String platformString(cl_platform_id platform, int param) {
        return string((size, value, sizeOut) -> clGetPlatformInfo(platform, param, size, value, sizeOut));
    }

    private static String deviceString(cl_device_id device, int param) {
        return string((size, value, sizeOut) -> clGetDeviceInfo(device, param, size, value, sizeOut));
    }

    /** A string-valued query (a name, a version, a program's build log): its size first, then its bytes, without the NUL. */
    public static String string(InfoQuery query) {
        long[] size = new long[1];
        query.get(0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        query.get(bytes.length, Pointer.to(bytes), null);
        return text(bytes);
    }

    private static long deviceLong(cl_device_id device, int param) {
        long[] v = new long[1];
        clGetDeviceInfo(device, param, Long.BYTES, Pointer.to(v), null);
        return v[0];
    }

    private static long deviceInt(cl_device_id device, int param) {
        int[] v = new int[1];
        clGetDeviceInfo(device, param, Integer.BYTES, Pointer.to(v), null);
        return v[0];
    }

    /** A {@code size_t} value: 8 bytes on the 64-bit platforms Jemini runs on. */
    private static long deviceSize(cl_device_id device, int param) {
        return deviceLong(device, param);
    }

    /** A C string without its terminating NUL. */
    private static String text(byte[] bytes) {
        int n = bytes.length;
        while (n > 0 && bytes[n - 1] == 0) {
            n--;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8).strip();
    }
}
