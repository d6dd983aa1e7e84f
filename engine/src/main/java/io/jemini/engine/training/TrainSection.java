package io.jemini.engine.training;

import io.jemini.engine.config.Checks;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code train} section every task shares: AdamW with linear warm-up and cosine decay to
 * {@code minLr}, global-norm clipping, the {@code nonFinite} policy ({@code stop} or {@code skip}
 * a step whose loss or gradient norm is NaN or infinite), and how often to log, evaluate and
 * checkpoint. {@code initFrom}: a run directory (its newest checkpoint) or checkpoint whose weights
 * a new run starts from. {@code microBatches}: equal slices of each batch whose gradients are
 * summed in a fixed tree (gradient accumulation; the results depend on it, not on where the slices
 * are computed); {@code workers}: the data-parallel replicas that share them ({@code --cluster}).
 */
public record TrainSection(int steps, int batchSize, int microBatches, int workers, double lr, int warmupSteps, double minLr, double weightDecay,
                           double beta1, double beta2, double gradClip, int logEvery, int evalEvery, int checkpointEvery,
                           int keepLast, NonFinitePolicy nonFinite, String initFrom) {
    /** The checkpoint or run directory to start from, if any. */
    public Optional<Path> initialWeights() {
        return initFrom == null || initFrom.isBlank() ? Optional.empty() : Optional.of(Path.of(initFrom));
    }

    /** Whether a step is split into micro-batches (and then perhaps shared among workers). */
    public boolean splitsSteps() {
        return microBatches > 1 || workers > 1;
    }

    /** Checks every key; {@code minBatch} is the smallest batch the task's objective is defined for. */
    public void check(Checks c, int minBatch) {
        c.atLeast("train.steps", steps, 1);
        c.atLeast("train.batch_size", batchSize, minBatch);
        c.atLeast("train.micro_batches", microBatches, 1);
        c.atLeast("train.workers", workers, 1);
        if (microBatches >= 1 && workers >= 1) {
            c.require(batchSize % microBatches == 0, "train.micro_batches", microBatches, "must divide train.batch_size ("
                    + batchSize + ") into equal micro-batches");
            c.require(microBatches % workers == 0, "train.workers", workers, "must divide train.micro_batches ("
                    + microBatches + "): every worker computes the same number of micro-batches");
        }
        c.positive("train.lr", lr);
        c.require(warmupSteps >= 0 && warmupSteps <= steps, "train.warmup_steps", warmupSteps, "must be between 0 and "
                + "train.steps (" + steps + "); with fewer steps lower it too, e.g. --set train.warmup_steps="
                + Math.max(0, steps / 10));
        c.require(minLr >= 0 && minLr <= lr, "train.min_lr", minLr, "must be between 0 and train.lr");
        c.require(weightDecay >= 0, "train.weight_decay", weightDecay, "must be >= 0");
        c.require(beta1 >= 0 && beta1 < 1, "train.beta1", beta1, "must be in [0, 1)");
        c.require(beta2 >= 0 && beta2 < 1, "train.beta2", beta2, "must be in [0, 1)");
        c.positive("train.grad_clip", gradClip);
        c.atLeast("train.log_every", logEvery, 1);
        c.atLeast("train.eval_every", evalEvery, 1);
        c.atLeast("train.checkpoint_every", checkpointEvery, 1);
        c.atLeast("train.keep_last", keepLast, 1);
    }
}
