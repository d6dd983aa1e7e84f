package io.jemini.engine.io;

import java.nio.file.Path;

/** Where data sets live: the config's {@code data.dir}, else {@code $JEMINI_DATA}, else {@code data/} under the working directory. */
public final class DataRoot {
    private DataRoot() {
    }

    public static Path of(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String env = System.getenv("JEMINI_DATA");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of("data");
    }
}
