package io.jemini.engine.dataparallel;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * The byte protocol between a worker process and the cluster task that started it: the worker
 * writes one message per all-gather, the task answers with every worker's message in rank order.
 * Each message is framed by a marker and its length, so stray output on the pipe is caught, not
 * read as a gradient.
 */
public final class Frames {
    private static final int MARKER = 0x4A454D31;

    private Frames() {
    }

    /** Writes one message and flushes. */
    public static void write(DataOutputStream out, byte[] message) throws IOException {
        out.writeInt(MARKER);
        out.writeInt(message.length);
        out.write(message);
        out.flush();
    }

    /** Reads one message; null when the stream ended cleanly before one began. */
    public static byte[] read(DataInputStream in) throws IOException {
        int marker;
        try {
            marker = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        if (marker != MARKER) {
            throw new IOException(String.format("expected a message marker, read 0x%08x (something else wrote to the "
                    + "worker's message pipe)", marker));
        }
        byte[] message = new byte[in.readInt()];
        in.readFully(message);
        return message;
    }

    /** Writes every worker's message, preceded by their number, and flushes. */
    public static void writeAll(DataOutputStream out, byte[][] messages) throws IOException {
        out.writeInt(messages.length);
        for (byte[] m : messages) {
            write(out, m);
        }
    }

    /** Reads what {@link #writeAll} wrote. */
    public static byte[][] readAll(DataInputStream in) throws IOException {
        int n;
        try {
            n = in.readInt();
        } catch (EOFException e) {
            throw new EOFException("the cluster task closed the connection (another worker failed or the job was stopped)");
        }
        byte[][] out = new byte[n][];
        for (int i = 0; i < n; i++) {
            out[i] = read(in);
            if (out[i] == null) {
                throw new EOFException("the connection closed after " + i + " of " + n + " messages");
            }
        }
        return out;
    }
}
