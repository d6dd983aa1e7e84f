package io.jemini.engine.optim;

import io.jemini.engine.launch.Host;
import java.util.Map;

/** Helpers for restoring optimizer buffers by name. */
final class OptimizerState {
    private OptimizerState() {
    }

    static void copy(Map<String, float[]> state, String key, float[] into) {
        float[] from = state.get(key);
        if (from == null) {
            throw new IllegalArgumentException("optimizer state lacks '" + key + "'");
        }
        if (from.length != into.length) {
            throw new IllegalArgumentException("optimizer state '" + key + "' has " + from.length + " values, expected "
                    + into.length);
        }
        System.arraycopy(from, 0, Host.write(into), 0, into.length);
    }
}
