package io.jemini.engine.training;

import io.jemini.engine.dataparallel.Collective;
import io.jemini.engine.nn.Module;
import io.jemini.engine.tensor.Tensor;
import java.util.Map;

/**
 * What a task hands the {@link TrainLoop}: a model with its data, the loss of each step and its
 * held-out evaluation. The loop owns everything else (optimizer, schedule, clipping, checkpoints,
 * resume, metrics, progress), so a task writes only what is its own.
 */
public interface Objective {
    /**
     * The loss of one step (or of one micro-batch's share of it), the named parts the metrics
     * average besides it, and {@code statistics}: figures that are summed over the micro-batches of
     * a step and handed to {@link #afterStep} (e.g. the experts' routed loads).
     */
    record Step(Tensor total, double loss, Map<String, Double> parts, double[] statistics) {
        public Step(Tensor total, double loss, Map<String, Double> parts) {
            this(total, loss, parts, new double[0]);
        }
    }

    /** The module trained: its parameters and buffers are what the optimizer steps and checkpoints hold. */
    Module model();

    /** Trainable parameters by checkpoint name; their order is the optimizer's and the checkpoint's. */
    default Map<String, Tensor> parameters() {
        return model().parameters();
    }

    /** Non-trainable state saved with the parameters (e.g. the MoE selection bias). */
    default Map<String, float[]> buffers() {
        return model().buffers();
    }

    /** The data and model in a line, for the log and {@code results.json}. */
    String description();

    /**
     * The training loss of step {@code step} (from 1): draws its batch and runs the forward pass
     * in training mode. {@link Step#total()} is back-propagated; {@link Step#loss()} is reported.
     */
    Step step(long step);

    /**
     * Micro-batch {@code part} of {@code parts} equal slices of step {@code step}'s batch, as
     * data-parallel training and gradient accumulation split it: its loss, parts and gradients are
     * its share of the whole batch's, so the shares of all {@code parts} add up to the step's. Every
     * replica draws the whole batch (the data position moves by one batch per step, whichever
     * slices it computes). One part is the whole step.
     */
    default Step step(long step, int part, int parts) {
        if (parts != 1) {
            throw new UnsupportedOperationException("training " + description() + " cannot split a batch into micro-batches");
        }
        return step(step);
    }

    /**
     * Called on each worker before it computes its slices {@code [first, first + count)} of step
     * {@code step}'s {@code parts}, with the workers: an objective whose loss couples the whole
     * batch (a contrastive loss) gathers what it needs of every slice here.
     */
    default void beforeSlices(long step, int first, int count, int parts, Collective workers) {
    }

    /**
     * After the optimizer applied a step (e.g. the balancing-bias update, the logit-scale clamp),
     * with the step's {@link Step#statistics()} summed over its micro-batches.
     */
    default void afterStep(double[] statistics) {
    }

    /** Figures gathered since the last metrics record, added to it (e.g. per-layer routing statistics). */
    default Map<String, Object> intervalMetrics() {
        return Map.of();
    }

    /** The held-out evaluation run every {@code train.eval_every} steps and at the last. */
    Validation validate();

    /** Where the training data stands, saved in checkpoints. */
    long[] dataPosition();

    /**
     * Moves the training data to a saved position. A checkpoint without one (it never trained, such
     * as an imported model's) leaves the data at its start, and this is not called.
     */
    void seek(long[] position);

    /** The number of trainable parameters. */
    default long parameterCount() {
        return model().parameterCount();
    }
}
