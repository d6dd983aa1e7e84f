package io.jemini.engine.dataparallel;

/** A {@link Collective} whose rank among a fixed number of workers is set when it is made. */
public abstract class RankedCollective implements Collective {
    private final int rank;
    private final int size;

    protected RankedCollective(int rank, int size) {
        if (rank < 0 || rank >= size) {
            throw new IllegalArgumentException("rank " + rank + " is outside 0.." + (size - 1));
        }
        this.rank = rank;
        this.size = size;
    }

    @Override
    public final int rank() {
        return rank;
    }

    @Override
    public final int size() {
        return size;
    }
}
