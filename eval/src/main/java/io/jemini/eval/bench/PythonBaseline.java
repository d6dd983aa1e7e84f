package io.jemini.eval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a baseline script and reads the JSON line it prints last; a missing Python or torch is reported, not fatal. */
final class PythonBaseline {
    private PythonBaseline() {
    }

    /** The script's last JSON line, or null (with the reason printed) when it could not run. */
    static JsonNode run(List<String> cmd, PrintStream out) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                out.println("pytorch baseline unavailable: " + text.lines().reduce((a, b) -> b).orElse("no output"));
                return null;
            }
            return new ObjectMapper().readTree(text.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("{}"));
        } catch (IOException e) {
            out.println("pytorch baseline unavailable: cannot run " + cmd.get(0) + " (" + e.getMessage() + ")");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
