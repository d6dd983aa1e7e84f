package io.jemini.engine.dataparallel;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A worker process's side of a {@link Collective}: its all-gathers go as {@link Frames} to the
 * cluster task that started it (over the process's standard output) and the answers come back on
 * its standard input. The task does the actual gathering (Spark's barrier all-gather).
 */
public final class StreamCollective extends RankedCollective {
    private final DataInputStream in;
    private final DataOutputStream out;

    public StreamCollective(InputStream in, OutputStream out, int rank, int size) {
        super(rank, size);
        this.in = new DataInputStream(in);
        this.out = new DataOutputStream(out);
    }

    @Override
    public byte[][] allGather(byte[] message) {
        try {
            Frames.write(out, message);
            byte[][] all = Frames.readAll(in);
            if (all.length != size()) {
                throw new IllegalStateException("the all-gather returned " + all.length + " messages for " + size() + " workers");
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException("worker " + rank() + ": " + e.getMessage(), e);
        }
    }
}
