package io.jemini.engine.launch;

import io.jemini.engine.device.DeviceRuntime;
import io.jemini.kernels.UnaryKernels;

/**
 * Launches of {@link UnaryKernels} on the engine's backend: the translated kernel on the
 * installed device, else the Java kernel on the JVM backend. Generated from the kernel signatures
 * by LaunchStubs (engine tests); LaunchStubsTest fails when this file differs.
 */
public final class UnaryLaunch {
    private UnaryLaunch() {
    }

    /** {@link UnaryKernels#abs} over {@code [0, count)}. */
    public static void abs(int count, int costPerItem, float[] x, float[] y) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("UnaryKernels.abs", count, x, y);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> UnaryKernels.abs(x, y, lo, hi));
        }
    }

    /** {@link UnaryKernels#absBackward} over {@code [0, count)}. */
    public static void absBackward(int count, int costPerItem, float[] x, float[] dy, float[] dx) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("UnaryKernels.absBackward", count, x, dy, dx);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> UnaryKernels.absBackward(x, dy, dx, lo, hi));
        }
    }

    /** {@link UnaryKernels#exp} over {@code [0, count)}. */
    public static void exp(int count, int costPerItem, float[] x, float[] y) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("UnaryKernels.exp", count, x, y);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> UnaryKernels.exp(x, y, lo, hi));
        }
    }

    /** {@link UnaryKernels#expBackward} over {@code [0, count)}. */
    public static void expBackward(int count, int costPerItem, float[] y, float[] dy, float[] dx) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("UnaryKernels.expBackward", count, y, dy, dx);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> UnaryKernels.expBackward(y, dy, dx, lo, hi));
        }
    }

    /** {@link UnaryKernels#fill} over {@code [0, count)}. */
    public static void fill(int count, int costPerItem, float[] y, float value) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("UnaryKernels.fill", count, y, value);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> UnaryKernels.fill(y, value, lo, hi));
        }
    }

    /** {@link UnaryKernels#gelu} over {@code [0, count)}. */
    public static void gelu(int count, int costPerItem, float[] x, float[] y) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("UnaryKernels.gelu", count, x, y);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> UnaryKernels.gelu(x, y, lo, hi));
        }
    }

    /** {@link UnaryKernels#geluBackward} over {@code [0, count)}. */
    public static void geluBackward(int count, int costPerItem, float[] x, float[] dy, float[] dx) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("UnaryKernels.geluBackward", count, x, dy, dx);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> UnaryKernels.geluBackward(x, dy, dx, lo, hi));
        }
    }

    /** {@link UnaryKernels#geluTanh} over {@code [0, count)}. */
    public static void geluTanh(int count, int costPerItem, float[] x, float[] y) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("UnaryKernels.geluTanh", count, x, y);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> UnaryKernels.geluTanh(x, y, lo, hi));
        }
    }

    /** {@link UnaryKernels#geluTanhBackward} over {@code [0, count)}. */
    public static void geluTanhBackward(int count, int costPerItem, float[] x, float[] dy, float[] dx) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("UnaryKernels.geluTanhBackward", count, x, dy, dx);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> UnaryKernels.geluTanhBackward(x, dy, dx, lo, hi));
        }
    }

    /** {@link UnaryKernels#log} over {@code [0, count)}. */
    public static void log(int count, int costPerItem, float[] x, float[] y) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("UnaryKernels.log", count, x, y);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> UnaryKernels.log(x, y, lo, hi));
        }
    }

    /** {@link UnaryKernels#logBackward} over {@code [0, count)}. */
    public static void logBackward(int count, int costPerItem, float[] x, float[] dy, float[] dx) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("UnaryKernels.logBackward", count, x, dy, dx);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> UnaryKernels.logBackward(x, dy, dx, lo, hi));
        }
    }

    /** {@link UnaryKernels#neg} over {@code [0, count)}. */
    public static void neg(int count, int costPerItem, float[] x, float[] y) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("UnaryKernels.neg", count, x, y);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> UnaryKernels.neg(x, y, lo, hi));
        }
    }

    /** {@link UnaryKernels#negBackward} over {@code [0, count)}. */
    public static void negBackward(int count, int costPerItem, float[] dy, float[] dx) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("UnaryKernels.negBackward", count, dy, dx);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> UnaryKernels.negBackward(dy, dx, lo, hi));
        }
    }

    /** {@link UnaryKernels#pow} over {@code [0, count)}. */
    public static void pow(int count, int costPerItem, float[] x, float p, float[] y) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("UnaryKernels.pow", count, x, p, y);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> UnaryKernels.pow(x, p, y, lo, hi));
        }
    }

    /** {@link UnaryKernels#powBackward} over {@code [0, count)}. */
    public static void powBackward(int count, int costPerItem, float[] x, float p, float[] dy, float[] dx) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("UnaryKernels.powBackward", count, x, p, dy, dx);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> UnaryKernels.powBackward(x, p, dy, dx, lo, hi));
        }
    }

    /** {@link UnaryKernels#relu} over {@code [0, count)}. */
    public static void relu(int count, int costPerItem, float[] x, float[] y) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("UnaryKernels.relu", count, x, y);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> UnaryKernels.relu(x, y, lo, hi));
        }
    }

    /** {@link UnaryKernels#reluBackward} over {@code [0, count)}. */
    public static void reluBackward(int count, int costPerItem, float[] x, float[] dy, float[] dx) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("UnaryKernels.reluBackward", count, x, dy, dx);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> UnaryKernels.reluBackward(x, dy, dx, lo, hi));
        }
    }

    /** {@link UnaryKernels#sigmoid} over {@code [0, count)}. */
    public static void sigmoid(int count, int costPerItem, float[] x, float[] y) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("UnaryKernels.sigmoid", count, x, y);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> UnaryKernels.sigmoid(x, y, lo, hi));
        }
    }

    /** {@link UnaryKernels#sigmoidBackward} over {@code [0, count)}. */
    public static void sigmoidBackward(int count, int costPerItem, float[] y, float[] dy, float[] dx) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("UnaryKernels.sigmoidBackward", count, y, dy, dx);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> UnaryKernels.sigmoidBackward(y, dy, dx, lo, hi));
        }
    }

    /** {@link UnaryKernels#silu} over {@code [0, count)}. */
    public static void silu(int count, int costPerItem, float[] x, float[] y) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("UnaryKernels.silu", count, x, y);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> UnaryKernels.silu(x, y, lo, hi));
        }
    }

    /** {@link UnaryKernels#siluBackward} over {@code [0, count)}. */
    public static void siluBackward(int count, int costPerItem, float[] x, float[] dy, float[] dx) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("UnaryKernels.siluBackward", count, x, dy, dx);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> UnaryKernels.siluBackward(x, dy, dx, lo, hi));
        }
    }

    /** {@link UnaryKernels#sqrt} over {@code [0, count)}. */
    public static void sqrt(int count, int costPerItem, float[] x, float[] y) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("UnaryKernels.sqrt", count, x, y);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> UnaryKernels.sqrt(x, y, lo, hi));
        }
    }

    /** {@link UnaryKernels#sqrtBackward} over {@code [0, count)}. */
    public static void sqrtBackward(int count, int costPerItem, float[] y, float[] dy, float[] dx) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("UnaryKernels.sqrtBackward", count, y, dy, dx);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> UnaryKernels.sqrtBackward(y, dy, dx, lo, hi));
        }
    }

    /** {@link UnaryKernels#tanh} over {@code [0, count)}. */
    public static void tanh(int count, int costPerItem, float[] x, float[] y) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("UnaryKernels.tanh", count, x, y);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> UnaryKernels.tanh(x, y, lo, hi));
        }
    }

    /** {@link UnaryKernels#tanhBackward} over {@code [0, count)}. */
    public static void tanhBackward(int count, int costPerItem, float[] y, float[] dy, float[] dx) {
        DeviceRuntime device = DeviceRuntime.current();
        if (device != null) {
            device.launch("UnaryKernels.tanhBackward", count, y, dy, dx);
        } else {
            Parallel.run(count, costPerItem, (lo, hi) -> UnaryKernels.tanhBackward(y, dy, dx, lo, hi));
        }
    }
}
