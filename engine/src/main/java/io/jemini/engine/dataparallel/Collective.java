package io.jemini.engine.dataparallel;

/**
 * The workers of one data-parallel run as one of them sees them: its rank, how many there are,
 * and an all-gather that is also their barrier. The cluster module provides one over Spark's
 * barrier execution mode; {@link #alone()} is the one worker of a run on a single machine.
 */
public interface Collective {
    /** This worker's rank, from 0. */
    int rank();

    /** The number of workers. */
    int size();

    /** Every worker's {@code message} in rank order, returned once all of them have sent theirs. */
    byte[][] allGather(byte[] message);

    /** Sends {@code message} to {@code peer} and returns what {@code peer} sent here; both call it. */
    default byte[] exchange(int peer, byte[] message) {
        throw new UnsupportedOperationException("these workers exchange only by all-gather");
    }

    /** The only worker. */
    static Collective alone() {
        return new RankedCollective(0, 1) {
            @Override
            public byte[][] allGather(byte[] message) {
                return new byte[][] {message};
            }
        };
    }
}
