package io.jemini.engine.training;


import io.jemini.engine.config.ConfigException;
import java.util.List;
import java.util.Locale;

/**
 * What a training run will hold on the heap, estimated from its config before anything is built:
 * parameters, their gradients and the two AdamW moments (4 floats per parameter), plus the
 * activations one step records for backward. The estimate is meant to catch configs that cannot
 * fit at all (a model dimension of 100,000) with a message naming the keys, not to predict the
 * peak: the collector needs headroom beyond it.
 *
 * @param parameters  trainable parameters
 * @param activations floats recorded by one training step's forward pass
 * @param keys        the config keys that drive the size, for the message
 */
public record MemoryEstimate(double parameters, double activations, List<String> keys) {
    /** Bytes: parameters, gradients, two optimizer moments, and activations, all float32. */
    public double bytes() {
        return 4 * (4 * parameters + activations);
    }

    /** Refuses the run when the estimate exceeds {@code maxHeap} bytes; {@code source} names the config. */
    public void requireFits(String source, long maxHeap) {
        if (bytes() <= maxHeap) {
            return;
        }
        throw new ConfigException(source, List.of(String.format(Locale.ROOT,
                "this model needs about %s (%s parameters: %s for them, their gradients and AdamW's moments; %s of "
                        + "activations per step) but the heap holds %s; lower %s, or raise the heap (JEMINI_HEAP=16g "
                        + "scripts/jemini ...)", size(bytes()), count(parameters), size(16 * parameters), size(4 * activations),
                size(maxHeap), String.join(", ", keys))));
    }

    private static String size(double bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (1L << 30))
                : String.format(Locale.ROOT, "%.0f MiB", bytes / (1L << 20));
    }

    private static String count(double n) {
        return n >= 1e9 ? String.format(Locale.ROOT, "%.1fB", n / 1e9) : String.format(Locale.ROOT, "%.1fM", n / 1e6);
    }
}
