package io.jemini.cluster;

import io.jemini.engine.dataparallel.Frames;
import io.jemini.eval.runs.PointRunner;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.BarrierTaskInfo;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * One worker of a data-parallel gang inside its Spark barrier task: starts the worker's JVM
 * ({@code jemini worker …}), relays its rendezvous (the address it listens on) through
 * {@link BarrierTaskContext#allGather}, then waits for it. The gradients go around the workers'
 * own TCP connections, not through Spark: Spark 4.2's barrier all-gather polls for completion once a
 * second, which would cost a second per step. A worker that fails fails the task, and Spark then
 * stops the whole gang.
 */
final class GangMember extends AbstractFunction1<Iterator<PointRunner.Job>, Iterator<String>> implements Serializable {
    /** Marks a worker's own failure in the exception text Spark hands back to the driver. */
    static final String FAILED = "jemini worker failed: ";

    @Override
    public Iterator<String> apply(Iterator<PointRunner.Job> jobs) {
        BarrierTaskContext context = BarrierTaskContext.get();
        PointRunner.Job job = jobs.next();
        List<String> arguments = new ArrayList<>(job.arguments());
        arguments.add("--threads");
        arguments.add(Integer.toString(threadsHere(context)));
        arguments.add("--host");
        arguments.add(host(context));
        Process worker;
        try {
            worker = PointProcess.startWithPipes(arguments, Path.of(job.log()));
        } catch (IOException e) {
            throw new IllegalStateException(FAILED + "could not start a JVM for " + String.join(" ", arguments) + ": "
                    + e.getMessage(), e);
        }
        try {
            relay(context, worker);
            while (!worker.waitFor(200, TimeUnit.MILLISECONDS)) {
                if (context.isInterrupted()) {
                    throw new IllegalStateException(FAILED + "stopped by Spark (another worker failed)");
                }
            }
            int exit = worker.exitValue();
            if (exit != 0) {
                throw new IllegalStateException(FAILED + PointProcess.failure(Path.of(job.log()), exit));
            }
        } catch (IOException e) {
            throw new IllegalStateException(FAILED + "its connection broke (" + e.getMessage() + "); "
                    + PointProcess.failure(Path.of(job.log()), worker.isAlive() ? -1 : worker.exitValue()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(FAILED + "interrupted", e);
        } finally {
            worker.destroyForcibly();
        }
        return CollectionConverters.asScala(List.of("").iterator());
    }

    /** The worker's one message through Spark: its address, answered with everyone's. */
    private static void relay(BarrierTaskContext context, Process worker) throws IOException {
        DataInputStream from = new DataInputStream(new BufferedInputStream(worker.getInputStream(), 1 << 16));
        DataOutputStream to = new DataOutputStream(new BufferedOutputStream(worker.getOutputStream(), 1 << 16));
        byte[] message = Frames.read(from);
        if (message == null) {
            throw new IOException("the worker ended before it joined the other workers");
        }
        Base64.Decoder decoder = Base64.getDecoder();
        String[] all = context.allGather(Base64.getEncoder().encodeToString(message));
        byte[][] decoded = new byte[all.length][];
        for (int r = 0; r < all.length; r++) {
            decoded[r] = decoder.decode(all[r]);
        }
        Frames.writeAll(to, decoded);
    }

    /** The host of this task's executor, where its worker listens for the others. */
    private static String host(BarrierTaskContext context) {
        String address = context.getTaskInfos()[context.partitionId()].address();
        int colon = address.lastIndexOf(':');
        return colon < 0 ? address : address.substring(0, colon);
    }

    /** This host's cores shared among the gang's tasks that run on it. */
    private static int threadsHere(BarrierTaskContext context) {
        BarrierTaskInfo[] tasks = context.getTaskInfos();
        String mine = tasks[context.partitionId()].address();
        int here = 0;
        for (BarrierTaskInfo t : tasks) {
            here += t.address().equals(mine) ? 1 : 0;
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors() / here);
    }
}
