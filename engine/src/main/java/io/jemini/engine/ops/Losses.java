package io.jemini.engine.ops;

import io.jemini.engine.autograd.Graph;
import io.jemini.engine.launch.CrossEntropyLaunch;
import io.jemini.engine.launch.Host;
import io.jemini.engine.launch.Parallel;
import io.jemini.engine.launch.UnaryLaunch;
import io.jemini.engine.tensor.ShapeException;
import io.jemini.engine.tensor.Tensor;
import io.jemini.kernels.jvm.VectorSoftmax;

/** Loss functions. */
public final class Losses {
    /**
     * PyTorch's default {@code ignore_index}: targets equal to it are left out of the loss. Every
     * real class id is non-negative, so passing it ignores nothing unless the data marks positions
     * with it (as needle windows do for unscored tokens).
     */
    public static final int IGNORE_INDEX = -100;

    private Losses() {
    }

    /** How many of {@code targets} are not {@code ignoreIndex}: the items a batch's mean loss is over. */
    public static int counted(int[] targets, int ignoreIndex) {
        int n = 0;
        for (int t : targets) {
            n += t == ignoreIndex ? 0 : 1;
        }
        return n;
    }

    /**
     * Mean cross-entropy of logits {@code [..., classes]} against integer targets of the leading
     * shape, skipping targets equal to {@code ignoreIndex} and smoothing labels by
     * {@code smoothing} as {@code torch.nn.functional.cross_entropy} does. With every target
     * ignored the mean is NaN, as in PyTorch.
     */
    public static Tensor crossEntropy(Tensor logits, Indices targets, int ignoreIndex, float smoothing) {
        return crossEntropy(logits, targets, ignoreIndex, smoothing, -1);
    }

    /**
     * The summed cross-entropy of the counted targets divided by {@code itemsInBatch} instead of by
     * their own count: the share of one micro-batch in the mean over a whole batch of that many
     * counted targets, so the shares of a batch's micro-batches add up to its mean loss whatever the
     * split (-1: divide by this call's own count, the plain mean).
     */
    public static Tensor crossEntropy(Tensor logits, Indices targets, int ignoreIndex, float smoothing, int itemsInBatch) {
        if (logits.rank() < 1) {
            throw new ShapeException("cross_entropy: logits must have a class dimension, got " + logits.shape());
        }
        if (!(smoothing >= 0.0f && smoothing <= 1.0f)) {
            throw new IllegalArgumentException("cross_entropy: label smoothing " + smoothing + " is outside [0, 1]");
        }
        int classes = logits.dim(-1);
        int rows = logits.numel() / Math.max(1, classes);
        if (!targets.shape().equals(logits.shape().without(-1))) {
            throw new ShapeException("cross_entropy: targets of shape " + targets.shape() + " do not match logits "
                    + logits.shape() + " (expected " + logits.shape().without(-1) + ")");
        }
        int[] t = targets.values();
        int counted = 0;
        for (int i = 0; i < t.length; i++) {
            if (t[i] != ignoreIndex) {
                if (t[i] < 0 || t[i] >= classes) {
                    throw new IndexOutOfBoundsException("cross_entropy: target " + t[i] + " at position " + i
                            + " is outside [0, " + classes + ") and is not the ignore index " + ignoreIndex);
                }
                counted++;
            }
        }
        float[] loss = new float[rows];
        float[] lse = new float[rows];
        CrossEntropyLaunch.forward(rows, 3 * classes, logits.buffer(), t, loss, lse, classes, ignoreIndex, smoothing);
        double total = 0.0;
        for (float l : Host.read(loss)) {
            total += l;
        }
        int count = itemsInBatch < 0 ? counted : itemsInBatch;
        Tensor y = Tensor.scalar((float) (total / count));
        return Graph.record("cross_entropy", y, new Tensor[] {logits}, g -> {
            float[] rowGrad = new float[rows];
            UnaryLaunch.fill(rows, 1, rowGrad, Host.read(g)[0] / count);
            float[] dlogits = logits.gradBuffer();
            Parallel.jvmOrDevice(rows, 2 * classes, (lo, hi) -> VectorSoftmax.crossEntropyBackward(logits.buffer(), t, lse,
                    rowGrad, dlogits, classes, ignoreIndex, smoothing, lo, hi),
                    () -> CrossEntropyLaunch.backward(rows, 2 * classes, logits.buffer(), t, lse, rowGrad, dlogits, classes,
                            ignoreIndex, smoothing));
        }, logits);
    }
}
