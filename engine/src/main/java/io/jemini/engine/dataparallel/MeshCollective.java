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
 * Workers joined pairwise over TCP, one connection per pair: an all-gather sends this worker's
 * message to every other worker at once, an exchange swaps messages with one partner (the step of
 * a recursive-halving reduction). Sends run on their own threads while this one reads, so two
 * workers writing large messages to each other never wait on each other's socket buffers. The
 * connections are set up by a rendezvous: each worker listens, and their addresses are exchanged
 * once through the cluster's own all-gather (Spark's barrier mode).
 */
public final class MeshCollective extends RankedCollective implements Closeable {
    private final Socket[] sockets;
    private final DataOutputStream[] out;
    private final DataInputStream[] in;
    private final ExecutorService senders;

    private MeshCollective(int rank, Socket[] sockets) throws IOException {
        super(rank, sockets.length);
        this.sockets = sockets;
        this.out = new DataOutputStream[sockets.length];
        this.in = new DataInputStream[sockets.length];
        for (int peer = 0; peer < sockets.length; peer++) {
            if (peer != rank) {
                out[peer] = new DataOutputStream(new BufferedOutputStream(sockets[peer].getOutputStream(), 1 << 16));
                in[peer] = new DataInputStream(new BufferedInputStream(sockets[peer].getInputStream(), 1 << 16));
            }
        }
        this.senders = Executors.newFixedThreadPool(Math.max(1, sockets.length - 1), r -> {
            Thread t = new Thread(r, "mesh-sender-" + rank);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Listens on {@code host}, exchanges "host:port" with every worker through {@code rendezvous},
     * connects to every lower rank and accepts every higher one.
     */
    public static MeshCollective connect(Collective rendezvous, String host) {
        int rank = rendezvous.rank();
        int size = rendezvous.size();
        try (ServerSocket server = new ServerSocket(0, size, InetAddress.getByName(host))) {
            byte[][] addresses = rendezvous.allGather((host + ":" + server.getLocalPort()).getBytes(StandardCharsets.UTF_8));
            Socket[] sockets = new Socket[size];
            for (int peer = 0; peer < rank; peer++) {
                String a = new String(addresses[peer], StandardCharsets.UTF_8);
                int colon = a.lastIndexOf(':');
                Socket s = new Socket();
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(a.substring(0, colon), Integer.parseInt(a.substring(colon + 1))));
                new DataOutputStream(s.getOutputStream()).writeInt(rank);
                sockets[peer] = s;
            }
            for (int accepted = rank + 1; accepted < size; accepted++) {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                int peer = new DataInputStream(s.getInputStream()).readInt();
                if (peer <= rank || peer >= size || sockets[peer] != null) {
                    throw new IOException("worker " + rank + " was reached by an unexpected worker " + peer);
                }
                sockets[peer] = s;
            }
            return new MeshCollective(rank, sockets);
        } catch (IOException e) {
            throw new UncheckedIOException("worker " + rank + " could not connect to the other " + (size - 1) + " workers: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public byte[][] allGather(byte[] message) {
        List<Future<?>> sends = new ArrayList<>();
        for (int peer = 0; peer < size(); peer++) {
            if (peer != rank()) {
                sends.add(send(peer, message));
            }
        }
        byte[][] all = new byte[size()][];
        all[rank()] = message;
        for (int peer = 0; peer < size(); peer++) {
            if (peer != rank()) {
                all[peer] = receive(peer);
            }
        }
        sends.forEach(this::await);
        return all;
    }

    @Override
    public byte[] exchange(int peer, byte[] message) {
        if (peer == rank() || peer < 0 || peer >= size()) {
            throw new IllegalArgumentException("worker " + rank() + " cannot exchange with worker " + peer);
        }
        Future<?> sent = send(peer, message);
        byte[] received = receive(peer);
        await(sent);
        return received;
    }

    private Future<?> send(int peer, byte[] message) {
        return senders.submit(() -> {
            Frames.write(out[peer], message);
            return null;
        });
    }

    private byte[] receive(int peer) {
        try {
            byte[] m = Frames.read(in[peer]);
            if (m == null) {
                throw new EOFException("worker " + peer + " closed its connection (it stopped)");
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException("worker " + rank() + ": " + e.getMessage(), e);
        }
    }

    private void await(Future<?> sent) {
        try {
            sent.get();
        } catch (ExecutionException e) {
            throw new UncheckedIOException("worker " + rank() + ": a send failed: " + e.getCause().getMessage(),
                    new IOException(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("worker " + rank() + " was interrupted while sending", e);
        }
    }

    @Override
    public void close() throws IOException {
        senders.shutdownNow();
        for (Socket s : sockets) {
            if (s != null) {
                s.close();
            }
        }
    }
}
