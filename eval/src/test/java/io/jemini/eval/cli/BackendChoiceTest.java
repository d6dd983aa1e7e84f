package io.jemini.eval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.jemini.engine.config.ConfigReader;
import io.jemini.opencl.OpenClDevices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --backend/--device}: a bad choice is one line naming it and what is allowed, with
 * nothing written; a good one trains on the device and records it in results.json.
 */
class BackendChoiceTest {
    @TempDir
    Path dir;

    private Path config() throws IOException {
        Path f = dir.resolve("small.json");
        Files.writeString(f, RunCommandTest.SMALL);
        return f;
    }

    @Test
    void anUnknownBackendIsAConfigError() throws IOException {
        Path out = dir.resolve("out");
        CliRunner r = CliRunner.run("run", config().toString(), "--out", out.toString(), "--backend", "cuda");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("runtime.backend=cuda is not allowed; runtime.backend expects one of jvm, opencl"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void anUnknownDeviceIsOneLineAndNothingIsWritten() throws IOException {
        assumeFalse(OpenClDevices.list().isEmpty() && System.getenv("CI") == null, "no OpenCL device here");
        Path out = dir.resolve("out");
        CliRunner r = CliRunner.run("run", config().toString(), "--out", out.toString(), "--backend", "opencl", "--device",
                "no-such-device");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().matches("jemini run: runtime.device = 'no-such-device' matches no device; allowed: auto, gpu, cpu, "
                + "a number or a unique part of a name from 0: .*\\n"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aRunOnTheDeviceRecordsItsBackend() throws IOException {
        assumeFalse(OpenClDevices.list().isEmpty() && System.getenv("CI") == null, "no OpenCL device here");
        Path out = dir.resolve("out");
        CliRunner r = CliRunner.run("run", config().toString(), "--out", out.toString(), "--backend", "opencl", "--device",
                "cpu");
        assertEquals(0, r.exit(), r.err());
        var results = ConfigReader.readTree(RunDirs.only(out).resolve("results.json"));
        assertTrue(results.path("backend").asText().startsWith("opencl on "), results.toString());
        assertTrue(results.path("host_to_device_bytes").asLong() > 0, results.toString());
        assertTrue(Double.isFinite(results.path("val_loss").asDouble()), results.toString());
    }
}
