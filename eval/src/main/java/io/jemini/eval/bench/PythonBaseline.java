package io.jemini.eval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Python baselines (numpy, PyTorch) honestly. A baseline is only a baseline at its best:
 * each runs with {@code OPENBLAS_CORETYPE} and {@code OPENBLAS_L2_SIZE} removed from its
 * environment (these machines set them, holding OpenBLAS to older kernels; Jemini's own process
 * and the tests keep them), its BLAS library and kernel are printed (threadpoolctl), and no ratio
 * is measured when numpy or torch would run on the reference BLAS, about ten times slower than
 * OpenBLAS. A missing Python, torch or optimised BLAS is reported, not fatal.
 */
final class PythonBaseline {
    /** The variables that pin OpenBLAS to a core type: removed for baselines only. */
    static final List<String> PINNING = List.of("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE");
    private static final Set<String> OPTIMISED = Set.of("openblas", "mkl", "blis");
    private static final Map<String, Optional<String>> PROBED = new HashMap<>();

    private PythonBaseline() {
    }

    /** A process for a baseline command, with the OpenBLAS pinning variables removed from its environment. */
    static ProcessBuilder process(List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        PINNING.forEach(pb.environment()::remove);
        return pb;
    }

    /**
     * The optimised BLAS that {@code python} runs numpy (and torch, when {@code withTorch}) on, as
     * one line for the report; empty, with the reason printed, when there is none.
     */
    static synchronized Optional<String> blas(String python, boolean withTorch, PrintStream out) {
        String key = python + (withTorch ? " torch" : " numpy");
        Optional<String> known = PROBED.get(key);
        if (known != null) {
            return known;
        }
        String probe = "import json, numpy\n" + (withTorch ? "import torch\n" : "")
                + "import threadpoolctl\nprint(json.dumps(threadpoolctl.threadpool_info()))\n";
        Optional<String> found = Optional.empty();
        try {
            Process p = process(List.of(python, "-c", probe)).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                out.println("baseline refused: " + python + " cannot import numpy" + (withTorch ? ", torch" : "")
                        + " and threadpoolctl (apt-get install python3-numpy python3-torch python3-threadpoolctl "
                        + "libopenblas0-pthread): " + text.lines().reduce((a, b) -> b).orElse("no output"));
            } else {
                found = optimised(new ObjectMapper().readTree(text.lines().filter(l -> l.startsWith("[")).findFirst().orElse("[]")));
                if (found.isEmpty()) {
                    out.println("baseline refused: numpy" + (withTorch ? "/torch" : "") + " under " + python + " run on the "
                            + "reference BLAS (no OpenBLAS, MKL or BLIS loaded), about 10x slower than OpenBLAS; a ratio against "
                            + "it would be false. Install libopenblas0-pthread.");
                } else {
                    out.println("baseline BLAS: " + found.get() + " (with " + String.join(" and ", PINNING) + " unset)");
                }
            }
        } catch (IOException e) {
            out.println("baseline refused: cannot run " + python + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        PROBED.put(key, found);
        return found;
    }

    /** The first optimised BLAS in threadpoolctl's report, described with its version, threading and kernel. */
    static Optional<String> optimised(JsonNode info) {
        for (JsonNode lib : info) {
            if ("blas".equals(lib.path("user_api").asText()) && OPTIMISED.contains(lib.path("internal_api").asText())) {
                return Optional.of(lib.path("internal_api").asText() + " " + lib.path("version").asText("?") + ", "
                        + lib.path("threading_layer").asText("?") + ", " + lib.path("architecture").asText("?")
                        + " kernels, " + lib.path("num_threads").asInt() + " threads, " + lib.path("filepath").asText());
            }
        }
        return Optional.empty();
    }

    /** A torch baseline script's last JSON line, or null (with the reason printed) when it could not run honestly. */
    static JsonNode run(List<String> cmd, PrintStream out) {
        if (blas(cmd.get(0), true, out).isEmpty()) {
            return null;
        }
        try {
            Process p = process(cmd).start();
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
