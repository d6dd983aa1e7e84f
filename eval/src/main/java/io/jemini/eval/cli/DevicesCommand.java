package io.jemini.eval.cli;

import io.jemini.opencl.OpenClDevices;
import io.jemini.opencl.check.KernelCheck;
import io.jemini.opencl.runtime.OpenClContext;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lists the OpenCL platforms and devices, or says why there are none; {@code --check} verifies one. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = {"List the OpenCL platforms and devices of this machine (the accelerator path's devices), or why there "
                + "are none. The number in the first column is what --device takes.",
                "--check builds every kernel for a device and compares it with the Java kernel on random inputs."})
final class DevicesCommand implements Callable<Integer> {
    @Option(names = "--check", description = "verify the device: every kernel built and compared with the JVM")
    boolean check;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "auto",
            description = "with --check: auto, gpu, cpu, a number or part of a name (default: ${DEFAULT-VALUE})")
    String device;

    @Override
    public Integer call() {
        OpenClDevices.Listing listing = OpenClDevices.list();
        if (check) {
            return check();
        }
        if (listing.isEmpty()) {
            System.out.println("no OpenCL device: " + listing.problem());
            return 0;
        }
        System.out.printf(Locale.ROOT, "%-6s %-30s %-12s %6s %10s %8s  %s%n", "device", "name", "type", "units", "memory",
                "group", "platform");
        List<OpenClDevices.Device> devices = listing.devices();
        for (int i = 0; i < devices.size(); i++) {
            OpenClDevices.Device d = devices.get(i);
            System.out.printf(Locale.ROOT, "%-6d %-30s %-12s %6d %7.1f GB %8d  %s (%s)%s%n", i, d.name(), d.type(),
                    d.computeUnits(), d.globalMemoryBytes() / 1e9, d.maxWorkGroupSize(), d.platformName(), d.version(),
                    d.available() ? "" : " [not available]");
        }
        return 0;
    }

    /** Builds and compares every kernel on the chosen device; exit 1 when any fails. */
    private int check() {
        try (OpenClContext context = OpenClContext.open(device)) {
            System.out.println("checking " + context.device().name() + " (" + context.device().version() + ")");
            KernelCheck.Report report = KernelCheck.run(context);
            report.failures().forEach(f -> System.out.println("FAIL " + f));
            System.out.printf(Locale.ROOT, "%d kernels built, %d cases compared with the JVM: %s%n", report.kernels(),
                    report.cases(), report.passed() ? "all match" : report.failures().size() + " failures");
            return report.passed() ? 0 : 1;
        }
    }
}
