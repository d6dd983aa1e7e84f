package io.jemini.engine.training;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.checkpoint.Checkpoint;
import io.jemini.engine.checkpoint.CheckpointStore;
import io.jemini.engine.dataparallel.Collective;
import io.jemini.engine.dataparallel.MicroBatchStep;
import io.jemini.engine.io.ParameterIO;
import io.jemini.engine.optim.AdamW;
import io.jemini.engine.optim.GradientClipping;
import io.jemini.engine.optim.LrSchedule;
import io.jemini.engine.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one training loop of every task, inside a run directory: AdamW with warm-up and cosine
 * decay, global-norm clipping, the non-finite policy, metrics to {@code metrics.jsonl} every
 * {@code train.log_every} steps, the objective's validation every {@code train.eval_every} steps
 * and at the last, checkpoints every {@code train.checkpoint_every} steps (and on a stop request),
 * and exact resume from the newest checkpoint: parameters, buffers, optimizer moments, data
 * position and counters come back, so the losses continue bit for bit.
 */
public final class TrainLoop {
    /** How training ended: wall time over all sessions, skipped steps and the last step's validation (null if none). */
    public record Outcome(double trainSeconds, long skippedSteps, Validation lastValidation) {
    }

    private final RunDirectory run;
    private final TrainSection t;
    private final JsonNode config;
    private final Objective objective;
    private final Throughput throughput;
    private final Progress progress;
    private final Collective workers;

    /**
     * @param config the run's resolved config, stored in every checkpoint so a resume can tell what changed
     */
    public TrainLoop(RunDirectory run, TrainSection train, JsonNode config, Objective objective, Throughput throughput,
                     Progress progress) {
        this(run, train, config, objective, throughput, progress, Collective.alone());
    }

    /**
     * The loop as one of several data-parallel {@code workers}: each computes its share of every
     * step's micro-batches ({@code train.micro_batches}), all apply the same summed gradient, and
     * only rank 0 validates and writes metrics and checkpoints. All of them resume from the same
     * checkpoint, or none starts.
     */
    public TrainLoop(RunDirectory run, TrainSection train, JsonNode config, Objective objective, Throughput throughput,
                     Progress progress, Collective workers) {
        this.run = run;
        this.t = train;
        this.config = config;
        this.objective = objective;
        this.throughput = throughput;
        this.progress = progress;
        this.workers = workers;
    }

    /** Weight decay applies to the parameters of rank 2 and more (matrices, embeddings, stacked experts), never to vectors. */
    public static boolean decays(Tensor parameter) {
        return parameter.rank() >= 2;
    }

    /** Trains from step 1, or from the newest checkpoint when {@code resume}. */
    public Outcome run(boolean resume) {
        Map<String, Tensor> params = objective.parameters();
        AdamW opt = new AdamW(params, (float) t.beta1(), (float) t.beta2(), 1e-8f, (float) t.weightDecay(),
                name -> decays(params.get(name)));
        LrSchedule schedule = LrSchedule.warmupCosine((float) t.lr(), t.warmupSteps(), t.steps(), (float) t.minLr());
        CheckpointStore store = new CheckpointStore(run.checkpoints(), t.keepLast());
        store.unrecognised().forEach(p -> progress.line("warning: " + p + " is not a complete checkpoint (no "
                + CheckpointStore.STATE + "); it is skipped and left as it is"));
        long start = 0;
        double elapsedBefore = 0;
        long skipped = 0;
        if (resume) {
            Checkpoint ckpt = store.latest().orElseThrow(() -> new TrainingException("cannot resume " + run.dir()
                    + ": it has no complete checkpoint yet; start it again with 'jemini run'"));
            TrainingState.Restored restored = TrainingState.restore(ckpt, params, objective.buffers(), opt);
            if (restored.dataPosition().length > 0) {
                objective.seek(restored.dataPosition());
            }
            start = restored.step();
            elapsedBefore = restored.elapsedSeconds();
            skipped = restored.skippedSteps();
            progress.line("resuming " + run.dir() + " from " + ckpt.dir().getFileName());
        } else if (t.initialWeights().isPresent()) {
            Checkpoint source = InitialWeights.checkpoint(t.initialWeights().get());
            ParameterIO.loadModel(params, objective.buffers(), source.model());
            progress.line("starting from the weights of " + source.dir());
        }
        agreeOnStart(start);
        boolean writes = workers.rank() == 0;
        MicroBatchStep split = t.splitsSteps() ? new MicroBatchStep(objective, params, t.microBatches(), workers) : null;
        try (MetricsLog metrics = writes ? new MetricsLog(run.metrics()) : null;
             StopRequest.Scope training = StopRequest.training()) {
            if (writes) {
                metrics.truncateAfter(start);
            }
            progress.start(start, t.steps());
            long runStart = System.nanoTime();
            long intervalStart = runStart;
            long intervalSteps = 0;
            Interval interval = new Interval();
            Validation last = null;
            for (long step = start + 1; step <= t.steps(); step++) {
                opt.zeroGrad();
                Objective.Step s;
                try {
                    s = split == null ? objective.step(step) : split.run(step);
                } catch (ArithmeticException e) {
                    throw new TrainingException("step " + step + ": " + e.getMessage() + "; training stopped; "
                            + store.describeLatest());
                }
                if (split == null) {
                    s.total().backward();
                }
                double norm = GradientClipping.clipGlobalNorm(params, t.gradClip());
                float lr = schedule.at(step - 1);
                if (Double.isFinite(s.loss()) && Double.isFinite(norm)) {
                    opt.step(lr);
                    objective.afterStep(s.statistics());
                    interval.add(s);
                } else if (t.nonFinite() == NonFinitePolicy.SKIP) {
                    skipped++;
                    progress.line(String.format(Locale.ROOT, "step %d: loss %s, gradient norm %s; step skipped (%d so far)",
                            step, s.loss(), norm, skipped));
                } else {
                    throw new TrainingException(String.format(Locale.ROOT,
                            "step %d: the loss is %s and the gradient norm %s; training stopped; %s (set "
                                    + "train.non_finite=skip to skip such steps)", step, s.loss(), norm, store.describeLatest()));
                }
                intervalSteps++;
                long now = System.nanoTime();
                double elapsed = elapsedBefore + (now - runStart) / 1e9;
                progress.step(step, s.loss(), (double) throughput.perStep() * (step - start) / ((now - runStart) / 1e9));
                PeakHeap.sample();
                if (writes && (step % t.logEvery() == 0 || step == t.steps() || step == 1)) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("step", step);
                    interval.drainInto(r);
                    r.put("lr", lr);
                    r.put("grad_norm", Double.isFinite(norm) ? norm : null);
                    r.put(throughput.rateKey(), (double) throughput.perStep() * intervalSteps
                            / Math.max(1e-9, (now - intervalStart) / 1e9));
                    r.put("elapsed_s", elapsed);
                    r.put("skipped_steps", skipped);
                    r.putAll(objective.intervalMetrics());
                    metrics.append(r);
                    intervalStart = now;
                    intervalSteps = 0;
                }
                if (writes && (step % t.evalEvery() == 0 || step == t.steps())) {
                    Validation v = objective.validate();
                    last = step == t.steps() ? v : null;
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("step", step);
                    r.putAll(v.metrics());
                    metrics.append(r);
                    progress.line("step " + step + ": " + v.summary());
                }
                String signal = StopRequest.pending();
                if (step % t.checkpointEvery() == 0 || step == t.steps() || signal != null) {
                    Path saved = !writes ? null : TrainingState.save(store, step, params, objective.buffers(), opt,
                            objective.dataPosition(), elapsedBefore + (System.nanoTime() - runStart) / 1e9, skipped, config);
                    if (signal != null) {
                        progress.finish();
                        throw new RunStopped(signal, step, run.dir(), saved);
                    }
                }
            }
            training.close();
            progress.finish();
            if (split != null) {
                recordTiming(split.timing());
            }
            return new Outcome(elapsedBefore + (System.nanoTime() - runStart) / 1e9, skipped, last);
        }
    }

    private void recordTiming(MicroBatchStep.Timing timing) {
        run.write(run.workerTiming(workers.rank()), String.format(Locale.ROOT, "{\"workers\": %d, \"micro_batches\": %d, "
                + "\"steps\": %d, \"compute_seconds\": %.6f, \"exchange_seconds\": %.6f, \"sent_bytes\": %d}%n",
                workers.size(), t.microBatches(), timing.steps(), timing.computeSeconds(), timing.exchangeSeconds(),
                timing.sentBytes()));
    }

    /** Workers that restored different checkpoints (one was written between their starts) must not train together. */
    private void agreeOnStart(long start) {
        if (workers.size() == 1) {
            return;
        }
        byte[][] starts = workers.allGather(ByteBuffer.allocate(8).putLong(start).array());
        for (int r = 0; r < starts.length; r++) {
            long theirs = ByteBuffer.wrap(starts[r]).getLong();
            if (theirs != start) {
                throw new TrainingException("worker " + r + " starts after step " + theirs + " and worker " + workers.rank()
                        + " after step " + start + ": the workers found different newest checkpoints in " + run.dir()
                        + "; run it again to resume them all from the newest");
            }
        }
    }

    /** The mean loss and loss parts over the applied steps since the last metrics record. */
    private static final class Interval {
        private final Map<String, Double> sums = new LinkedHashMap<>();
        private int steps;

        void add(Objective.Step s) {
            sums.merge("loss", s.loss(), Double::sum);
            s.parts().forEach((k, v) -> sums.merge(k, v, Double::sum));
            steps++;
        }

        void drainInto(Map<String, Object> record) {
            if (steps == 0) {
                record.put("loss", null);
            } else {
                sums.forEach((k, v) -> record.put(k, v / steps));
            }
            sums.clear();
            steps = 0;
        }
    }
}
