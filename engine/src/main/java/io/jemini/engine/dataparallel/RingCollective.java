package io.jemini.engine.dataparallel;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Workers connected in a ring over TCP, each to the next rank: an all-gather passes every message
 * once around the ring ({@code size - 1} rounds, each worker sending to its right while receiving
 * from its left), so each link carries every message once, as in the ring collectives of NCCL and
 * Gloo. The ring is set up by a rendezvous: each worker listens, and the workers' addresses are
 * exchanged once through the cluster's own all-gather (Spark's barrier mode).
 */
public final class RingCollective implements Collective, Closeable {
    private final int rank;
    private final int size;
    private final Socket toRight;
    private final Socket fromLeft;
    private final DataOutputStream right;
    private final DataInputStream left;
    private final ExecutorService sender;

    private RingCollective(int rank, int size, Socket toRight, Socket fromLeft) throws IOException {
        this.rank = rank;
        this.size = size;
        this.toRight = toRight;
        this.fromLeft = fromLeft;
        this.right = new DataOutputStream(new BufferedOutputStream(toRight.getOutputStream(), 1 << 16));
        this.left = new DataInputStream(new BufferedInputStream(fromLeft.getInputStream(), 1 << 16));
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ring-sender-" + rank);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Listens on {@code host}, exchanges "host:port" with every worker through {@code rendezvous},
     * connects to the next rank and accepts the previous one.
     */
    public static RingCollective connect(Collective rendezvous, String host) {
        int rank = rendezvous.rank();
        int size = rendezvous.size();
        try (ServerSocket server = new ServerSocket(0, size, InetAddress.getByName(host))) {
            byte[][] addresses = rendezvous.allGather((host + ":" + server.getLocalPort()).getBytes(StandardCharsets.UTF_8));
            List<InetSocketAddress> peers = new ArrayList<>();
            for (byte[] a : addresses) {
                String s = new String(a, StandardCharsets.UTF_8);
                int colon = s.lastIndexOf(':');
                peers.add(new InetSocketAddress(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1))));
            }
            Socket toRight = new Socket();
            toRight.setTcpNoDelay(true);
            toRight.connect(peers.get((rank + 1) % size));
            new DataOutputStream(toRight.getOutputStream()).writeInt(rank);
            Socket fromLeft = server.accept();
            fromLeft.setTcpNoDelay(true);
            int theirs = new DataInputStream(fromLeft.getInputStream()).readInt();
            if (theirs != (rank - 1 + size) % size) {
                throw new IOException("worker " + rank + " expected worker " + ((rank - 1 + size) % size) + " on its left and "
                        + "was reached by worker " + theirs);
            }
            return new RingCollective(rank, size, toRight, fromLeft);
        } catch (IOException e) {
            throw new UncheckedIOException("worker " + rank + " could not join the ring of " + size + " workers: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public byte[][] allGather(byte[] message) {
        byte[][] all = new byte[size][];
        all[rank] = message;
        byte[] carried = message;
        try {
            for (int round = 1; round < size; round++) {
                byte[] outgoing = carried;
                Future<?> sent = sender.submit(() -> {
                    Frames.write(right, outgoing);
                    return null;
                });
                byte[] received = Frames.read(left);
                if (received == null) {
                    throw new EOFException("worker " + ((rank - 1 + size) % size) + " closed the connection (it stopped)");
                }
                sent.get();
                all[(rank - round + size) % size] = received;
                carried = received;
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException("worker " + rank + ": the ring broke: " + e.getMessage(), e);
        } catch (ExecutionException e) {
            throw new UncheckedIOException("worker " + rank + ": sending to worker " + ((rank + 1) % size) + " failed: "
                    + e.getCause().getMessage(), new IOException(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("worker " + rank + " was interrupted in an all-gather", e);
        }
    }

    @Override
    public void close() throws IOException {
        sender.shutdownNow();
        toRight.close();
        fromLeft.close();
    }
}
