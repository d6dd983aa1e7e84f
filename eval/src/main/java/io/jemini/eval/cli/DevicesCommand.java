package io.jemini.eval.cli;

import io.jemini.opencl.OpenClDevices;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Lists the OpenCL platforms and devices, or says why there are none. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List the OpenCL platforms and devices of this machine (the accelerator path's devices), or why there "
                + "are none.")
final class DevicesCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        OpenClDevices.Listing listing = OpenClDevices.list();
        if (listing.isEmpty()) {
            System.out.println("no OpenCL device: " + listing.problem());
            return 0;
        }
        System.out.printf(Locale.ROOT, "%-8s %-30s %-12s %6s %10s %8s  %s%n", "index", "device", "type", "units", "memory",
                "group", "platform");
        for (OpenClDevices.Device d : listing.devices()) {
            System.out.printf(Locale.ROOT, "%-8s %-30s %-12s %6d %7.1f GB %8d  %s (%s)%s%n", d.platform() + ":" + d.index(),
                    d.name(), d.type(), d.computeUnits(), d.globalMemoryBytes() / 1e9, d.maxWorkGroupSize(), d.platformName(),
                    d.version(), d.available() ? "" : " [not available]");
        }
        return 0;
    }
}
