package io.jemini.engine.dataparallel;

import io.jemini.engine.tensor.Tensor;
import io.jemini.engine.training.Objective;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One training step split into {@code parts} micro-batches and shared among the workers of a
 * {@link Collective}: each worker back-propagates its contiguous block of micro-batches, each into
 * a fresh gradient, adds them up its part of the {@link ReductionTree}, and the workers all-gather
 * their per-micro-batch scalars and finish the tree — by {@link RecursiveHalving} when the number
 * of workers is a power of two (each then sends 2(N − 1)/N of a gradient), else by all-gathering
 * their node sums. Every worker then holds the same summed gradient in its parameters, bit for
 * bit, and the same loss (the micro-batches' shares added in order), whatever the number of workers.
 */
public final class MicroBatchStep {
    private final Objective objective;
    private final List<Tensor> params;
    private final int[] offsets;
    private final int parts;
    /** Steps of a session left out of its timing: the JIT compiles the step's code during them. */
    private static final int WARM_UP = 5;

    private final Collective workers;
    private final float[][] slices;
    private long session;
    private long steps;
    private long computeNanos;
    private long exchangeNanos;
    private long sentBytes;

    /** Where this worker's time went over the steps it ran. */
    public record Timing(long steps, double computeSeconds, double exchangeSeconds, long sentBytes) {
    }

    public MicroBatchStep(Objective objective, Map<String, Tensor> params, int parts, Collective workers) {
        if (parts % workers.size() != 0) {
            throw new IllegalArgumentException(parts + " micro-batches cannot be shared equally by " + workers.size()
                    + " workers");
        }
        this.objective = objective;
        this.params = List.copyOf(params.values());
        this.offsets = new int[this.params.size() + 1];
        for (int i = 0; i < this.params.size(); i++) {
            offsets[i + 1] = offsets[i] + this.params.get(i).numel();
        }
        this.parts = parts;
        this.workers = workers;
        this.slices = new float[parts / workers.size()][];
    }

    /**
     * Runs step {@code step}: afterwards every parameter holds the step's summed gradient (or none,
     * if no micro-batch reached it). The returned step's {@code total} is null: there is nothing
     * left to back-propagate.
     */
    public Objective.Step run(long step) {
        long start = System.nanoTime();
        int perWorker = parts / workers.size();
        int first = workers.rank() * perWorker;
        Map<ReductionTree.Node, float[]> leaves = new HashMap<>();
        boolean[] present = new boolean[params.size()];
        double[][] scalars = new double[perWorker][];
        List<String> keys = List.of();
        objective.beforeSlices(step, first, perWorker, parts, workers);
        for (int i = 0; i < perWorker; i++) {
            params.forEach(Tensor::zeroGrad);
            Objective.Step s = objective.step(step, first + i, parts);
            s.total().backward();
            leaves.put(new ReductionTree.Node(first + i, first + i + 1), gradients(i, present));
            keys = List.copyOf(s.parts().keySet());
            scalars[i] = scalars(s, keys);
        }
        List<ReductionTree.Node> nodes = ReductionTree.cover(first, first + perWorker, parts);
        List<float[]> sums = new ArrayList<>();
        nodes.forEach(n -> sums.add(ReductionTree.sum(n, leaves)));
        List<WorkerShare> all = new ArrayList<>();
        float[] total = null;
        if (workers.size() == 1) {
            all.add(new WorkerShare(nodes, sums, present, first, scalars));
        } else {
            long exchangeStart = System.nanoTime();
            long[] sent = new long[1];
            boolean halving = RecursiveHalving.applies(workers.size()) && nodes.size() == 1;
            WorkerShare mine = halving ? new WorkerShare(List.of(), List.of(), present, first, scalars)
                    : new WorkerShare(nodes, sums, present, first, scalars);
            byte[] message = mine.encode();
            sent[0] += (long) message.length * (workers.size() - 1);
            for (byte[] m : workers.allGather(message)) {
                all.add(WorkerShare.decode(m));
            }
            if (halving) {
                total = RecursiveHalving.allReduce(workers, sums.get(0), sent);
            }
            if (session >= WARM_UP) {
                exchangeNanos += System.nanoTime() - exchangeStart;
                sentBytes += sent[0];
            }
        }
        Objective.Step reduced = reduce(all, keys, total);
        if (session++ >= WARM_UP) {
            steps++;
            computeNanos += System.nanoTime() - start;
        }
        return reduced;
    }

    /**
     * This worker's time over the steps of this session after its first five (the JIT's warm-up):
     * compute covers its micro-batches and the reduction, exchange the all-gathers (including
     * waiting for slower workers).
     */
    public Timing timing() {
        return new Timing(steps, (computeNanos - exchangeNanos) / 1e9, exchangeNanos / 1e9, sentBytes);
    }

    /** The step from every worker's share; {@code total} is the summed gradient when it was all-reduced apart, else null. */
    private Objective.Step reduce(List<WorkerShare> all, List<String> keys, float[] total) {
        Map<ReductionTree.Node, float[]> known = new HashMap<>();
        boolean[] present = new boolean[params.size()];
        double[][] byPart = new double[parts][];
        for (WorkerShare share : all) {
            for (int i = 0; i < share.nodes().size(); i++) {
                known.put(share.nodes().get(i), share.sums().get(i));
            }
            for (int p = 0; p < present.length; p++) {
                present[p] |= share.present()[p];
            }
            for (int i = 0; i < share.scalars().length; i++) {
                byPart[share.firstPart() + i] = share.scalars()[i];
            }
        }
        if (total == null) {
            total = ReductionTree.sum(new ReductionTree.Node(0, parts), known);
        }
        for (int p = 0; p < params.size(); p++) {
            Tensor t = params.get(p);
            if (present[p]) {
                System.arraycopy(total, offsets[p], t.gradBuffer(), 0, t.numel());
            } else {
                t.clearGrad();
            }
        }
        double[] summed = new double[byPart[0].length];
        for (double[] row : byPart) {
            for (int j = 0; j < summed.length; j++) {
                summed[j] += row[j];
            }
        }
        Map<String, Double> named = new LinkedHashMap<>();
        for (int k = 0; k < keys.size(); k++) {
            named.put(keys.get(k), summed[1 + k]);
        }
        double[] statistics = new double[summed.length - 1 - keys.size()];
        System.arraycopy(summed, 1 + keys.size(), statistics, 0, statistics.length);
        return new Objective.Step(null, summed[0], named, statistics);
    }

    /**
     * The parameters' gradients of the micro-batch just back-propagated, copied into this worker's
     * buffer for its {@code slot}-th slice (kept from step to step: a step's buffers are consumed
     * within it).
     */
    private float[] gradients(int slot, boolean[] present) {
        if (slices[slot] == null) {
            slices[slot] = new float[offsets[offsets.length - 1]];
        }
        float[] out = slices[slot];
        for (int p = 0; p < params.size(); p++) {
            float[] g = params.get(p).gradData();
            if (g != null) {
                System.arraycopy(g, 0, out, offsets[p], g.length);
                present[p] = true;
            } else {
                Arrays.fill(out, offsets[p], offsets[p + 1], 0f);
            }
        }
        return out;
    }

    private static double[] scalars(Objective.Step s, List<String> keys) {
        double[] row = new double[1 + keys.size() + s.statistics().length];
        row[0] = s.loss();
        for (int k = 0; k < keys.size(); k++) {
            row[1 + k] = s.parts().get(keys.get(k));
        }
        System.arraycopy(s.statistics(), 0, row, 1 + keys.size(), s.statistics().length);
        return row;
    }
}
