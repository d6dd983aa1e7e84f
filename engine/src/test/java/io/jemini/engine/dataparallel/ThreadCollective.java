package io.jemini.engine.dataparallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.LinkedBlockingQueue;

/** Data-parallel workers as threads of one test JVM: {@link #worker(int)} is rank r's view. */
public final class ThreadCollective {
    private final int size;
    private final byte[][] slots;
    private final CyclicBarrier written;
    private final CyclicBarrier read;
    private final BlockingQueue<byte[]>[][] mail;

    @SuppressWarnings("unchecked")
    public ThreadCollective(int size) {
        this.size = size;
        this.slots = new byte[size][];
        this.written = new CyclicBarrier(size);
        this.read = new CyclicBarrier(size);
        this.mail = new BlockingQueue[size][size];
        for (int from = 0; from < size; from++) {
            for (int to = 0; to < size; to++) {
                mail[from][to] = new LinkedBlockingQueue<>();
            }
        }
    }

    public Collective worker(int rank) {
        return new RankedCollective(rank, size) {
            @Override
            public byte[] exchange(int peer, byte[] message) {
                try {
                    mail[rank][peer].put(message.clone());
                    return mail[peer][rank].take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public byte[][] allGather(byte[] message) {
                try {
                    slots[rank] = message.clone();
                    written.await();
                    byte[][] all = new byte[size][];
                    for (int r = 0; r < size; r++) {
                        all[r] = slots[r].clone();
                    }
                    read.await();
                    return all;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } catch (BrokenBarrierException e) {
                    throw new IllegalStateException("another worker failed", e);
                }
            }
        };
    }

    /** Runs {@code body} as every rank at once and returns their results in rank order. */
    public static <T> List<T> run(int size, java.util.function.BiFunction<Integer, Collective, T> body) throws Exception {
        ThreadCollective group = new ThreadCollective(size);
        List<Thread> threads = new ArrayList<>();
        List<T> results = new ArrayList<>(java.util.Collections.nCopies(size, null));
        Throwable[] failure = new Throwable[1];
        for (int r = 0; r < size; r++) {
            int rank = r;
            Thread t = new Thread(() -> {
                try {
                    results.set(rank, body.apply(rank, group.worker(rank)));
                } catch (Throwable e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                    group.written.reset();
                    group.read.reset();
                }
            }, "worker-" + r);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure[0] != null) {
            throw new IllegalStateException("a worker failed", failure[0]);
        }
        return results;
    }
}
