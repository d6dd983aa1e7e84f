package io.jemini.kernels.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class JvmBackendTest {
    @Test
    void everyIndexRunsExactlyOnce() {
        for (int threads : new int[] {1, 2, 3, 8}) {
            try (JvmBackend backend = new JvmBackend(threads)) {
                for (int n : new int[] {0, 1, 7, 1000, 100_003}) {
                    AtomicIntegerArray hits = new AtomicIntegerArray(n);
                    backend.parallelFor(n, 3, (lo, hi) -> {
                        for (int i = lo; i < hi; i++) {
                            hits.incrementAndGet(i);
                        }
                    });
                    for (int i = 0; i < n; i++) {
                        assertEquals(1, hits.get(i), "index " + i + " with " + threads + " threads, n=" + n);
                    }
                }
            }
        }
    }

    @Test
    void nestedCallsRunInline() {
        try (JvmBackend backend = new JvmBackend(2)) {
            AtomicIntegerArray hits = new AtomicIntegerArray(100);
            backend.parallelFor(10, 1, (lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    int row = i;
                    backend.parallelFor(10, 1, (l2, h2) -> {
                        for (int j = l2; j < h2; j++) {
                            hits.incrementAndGet(row * 10 + j);
                        }
                    });
                }
            });
            for (int i = 0; i < 100; i++) {
                assertEquals(1, hits.get(i));
            }
        }
    }

    @Test
    void rejectsBadThreadCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new JvmBackend(0));
        assertTrue(e.getMessage().contains("at least 1"));
    }
}
