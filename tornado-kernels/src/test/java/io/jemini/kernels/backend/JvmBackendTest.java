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

    /**
     * With workers, tasks are handed out one index at a time (one thread runs them all in one
     * call); each runs exactly once, and a task's exception reaches the caller.
     */
    @Test
    void tasksRunOneIndexAtATime() {
        for (int threads : new int[] {1, 2, 3}) {
            try (JvmBackend backend = new JvmBackend(threads)) {
                AtomicIntegerArray hits = new AtomicIntegerArray(50);
                int expectedSize = threads == 1 ? 50 : 1;
                backend.parallelTasks(50, (lo, hi) -> {
                    assertEquals(expectedSize, hi - lo);
                    for (int i = lo; i < hi; i++) {
                        hits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < 50; i++) {
                    assertEquals(1, hits.get(i), "task " + i + " with " + threads + " threads");
                }
                assertThrows(IllegalStateException.class, () -> backend.parallelTasks(10, (lo, hi) -> {
                    if (lo <= 7 && 7 < hi) {
                        throw new IllegalStateException("task 7");
                    }
                }));
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
