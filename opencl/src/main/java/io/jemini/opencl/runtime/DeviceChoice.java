package io.jemini.opencl.runtime;

import io.jemini.opencl.OpenClDevices.Device;
import io.jemini.opencl.OpenClDevices;
import java.util.List;
import java.util.Locale;

/**
 * Picks one OpenCL device from the machine's listing by what a run asks for: {@code auto} (the
 * first available GPU, else the first available device), {@code gpu} or {@code cpu} (the first
 * available device of that type), a number (its position in
 * {@code jemini devices}), or a unique part of its name. Anything else is one error that lists
 * the devices there are.
 */
public final class DeviceChoice {
    private DeviceChoice() {
    }

    public static Device select(String spec, OpenClDevices.Listing listing) {
        if (listing.isEmpty()) {
            throw new DeviceException("runtime.backend = opencl needs an OpenCL device, and there is none: " + listing.problem());
        }
        List<Device> available = listing.devices().stream().filter(Device::available).toList();
        String want = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
        List<Device> matches;
        if (want.equals("auto")) {
            matches = available.stream().filter(d -> d.type().contains("gpu")).limit(1).toList();
            if (matches.isEmpty()) {
                matches = available.stream().limit(1).toList();
            }
        } else if (want.equals("gpu") || want.equals("cpu")) {
            matches = available.stream().filter(d -> d.type().contains(want)).limit(1).toList();
        } else if (want.matches("\\d+")) {
            int index = Integer.parseInt(want);
            matches = index < listing.devices().size() ? List.of(listing.devices().get(index)) : List.of();
        } else {
            matches = want.isEmpty() ? List.of() : available.stream()
                    .filter(d -> d.name().toLowerCase(Locale.ROOT).contains(want)).toList();
        }
        if (matches.size() != 1) {
            throw new DeviceException("runtime.device = '" + spec + "' " + (matches.isEmpty() ? "matches no device" : "matches "
                    + matches.size() + " devices") + "; allowed: auto, gpu, cpu, a number or a unique part of a name from "
                    + describe(listing.devices()));
        }
        Device chosen = matches.get(0);
        if (!chosen.available()) {
            throw new DeviceException("OpenCL device " + chosen.name() + " reports itself unavailable");
        }
        return chosen;
    }

    private static String describe(List<Device> devices) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < devices.size(); i++) {
            Device d = devices.get(i);
            out.append(i == 0 ? "" : ", ").append(i).append(": ").append(d.name()).append(" (").append(d.type()).append(')');
        }
        return devices.isEmpty() ? "(no devices)" : out.toString();
    }
}
