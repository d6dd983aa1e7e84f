package io.jemini.engine.dataparallel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The all-reduce of one vector per worker for a power-of-two number of workers, in two halves of
 * log₂N exchanges each: a reduce-scatter by recursive halving (partners at distance 1, 2, 4, …,
 * each keeping half of the range it holds and adding its partner's copy of that half), then an
 * all-gather by recursive doubling. Each worker sends 2(N − 1)/N of the vector, the least any
 * all-reduce can. Pairing nearest ranks first adds the workers' vectors in the balanced binary
 * tree over the ranks, which is the {@link ReductionTree} of the micro-batches when each worker
 * holds one of its nodes: the same bits as every other path.
 */
final class RecursiveHalving {
    private RecursiveHalving() {
    }

    static boolean applies(int workers) {
        return workers > 1 && Integer.bitCount(workers) == 1;
    }

    /** The sum of every worker's {@code mine} (added into {@code mine}); {@code sent[0]} grows by the bytes sent. */
    static float[] allReduce(Collective workers, float[] mine, long[] sent) {
        int rank = workers.rank();
        int steps = Integer.numberOfTrailingZeros(workers.size());
        int[] los = new int[steps];
        int[] his = new int[steps];
        int lo = 0;
        int hi = mine.length;
        for (int s = 0; s < steps; s++) {
            int distance = 1 << s;
            int mid = lo + (hi - lo) / 2;
            boolean lower = (rank & distance) == 0;
            byte[] theirs = swap(workers, rank ^ distance, mine, lower ? mid : lo, lower ? hi : mid, sent);
            los[s] = lo;
            his[s] = hi;
            lo = lower ? lo : mid;
            hi = lower ? mid : hi;
            ByteBuffer b = ByteBuffer.wrap(theirs).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = lo; i < hi; i++) {
                mine[i] += b.getFloat();
            }
        }
        for (int s = steps - 1; s >= 0; s--) {
            int distance = 1 << s;
            byte[] theirs = swap(workers, rank ^ distance, mine, lo, hi, sent);
            int mid = los[s] + (his[s] - los[s]) / 2;
            boolean lower = (rank & distance) == 0;
            int from = lower ? mid : los[s];
            ByteBuffer.wrap(theirs).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(mine, from, (lower ? his[s] : mid) - from);
            lo = los[s];
            hi = his[s];
        }
        return mine;
    }

    private static byte[] swap(Collective workers, int partner, float[] v, int lo, int hi, long[] sent) {
        ByteBuffer out = ByteBuffer.allocate(4 * (hi - lo)).order(ByteOrder.LITTLE_ENDIAN);
        out.asFloatBuffer().put(v, lo, hi - lo);
        sent[0] += out.capacity();
        return workers.exchange(partner, out.array());
    }
}
