package io.jemini.engine.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jemini.opencl.translate.KernelCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed launch stubs are exactly what {@link LaunchStubs} generates from the kernels
 * today. After changing a kernel's signature, regenerate them with
 * {@code mvn -pl engine test -Dtest=LaunchStubsTest -Djemini.regenerate=true}.
 */
class LaunchStubsTest {
    private static final Path DIR = Path.of("src", "main", "java", "io", "jemini", "engine", "launch");

    @Test
    void stubsMatchTheKernels() throws IOException {
        boolean regenerate = Boolean.getBoolean("jemini.regenerate");
        for (Class<?> kernelClass : KernelCatalog.CLASSES) {
            Path file = DIR.resolve(LaunchStubs.fileName(kernelClass));
            String expected = LaunchStubs.generate(kernelClass);
            if (regenerate) {
                Files.writeString(file, expected);
            }
            assertEquals(expected, Files.exists(file) ? Files.readString(file) : "(missing)",
                    file + " is out of date: regenerate with -Djemini.regenerate=true");
        }
    }
}
