package io.jemini.eval.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Baselines run unpinned and only on an optimised BLAS. */
class PythonBaselineTest {
    @Test
    void theBaselineEnvironmentLacksTheOpenBlasPinning() {
        var env = PythonBaseline.process(List.of("python3")).environment();
        for (String v : PythonBaseline.PINNING) {
            assertFalse(env.containsKey(v), v);
        }
    }

    @Test
    void onlyAnOptimisedBlasCounts() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String openblas = """
                [{"user_api": "openmp", "internal_api": "openmp", "filepath": "/usr/lib/libgomp.so.1", "num_threads": 2},
                 {"user_api": "blas", "internal_api": "openblas", "version": "0.3.21", "threading_layer": "pthreads",
                  "architecture": "SkylakeX", "num_threads": 2, "filepath": "/usr/lib/openblas-pthread/libopenblasp-r0.3.21.so"}]
                """;
        String described = PythonBaseline.optimised(json.readTree(openblas)).orElseThrow();
        assertTrue(described.startsWith("openblas 0.3.21, pthreads, SkylakeX kernels, 2 threads"), described);
        assertTrue(PythonBaseline.optimised(json.readTree(
                "[{\"user_api\": \"openmp\", \"internal_api\": \"openmp\", \"num_threads\": 2}]")).isEmpty(),
                "the reference BLAS is invisible to threadpoolctl: no ratio");
        assertEquals("mkl", PythonBaseline.optimised(json.readTree(
                "[{\"user_api\": \"blas\", \"internal_api\": \"mkl\", \"num_threads\": 2}]")).orElseThrow().split(" ")[0]);
    }
}
