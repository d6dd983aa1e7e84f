package io.jemini.eval.cli;

import io.jemini.engine.dataparallel.MeshCollective;
import io.jemini.engine.dataparallel.StreamCollective;
import io.jemini.engine.task.Tasks;
import io.jemini.engine.training.RunDirectory;
import io.jemini.eval.runs.Runs;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * One data-parallel worker of a run, as a cluster task starts it: it joins the other workers
 * through a rendezvous that travels over its standard output and input to that task (so
 * everything it prints goes to standard error), then trains.
 */
@Command(name = "worker", hidden = true, mixinStandardHelpOptions = true,
        description = "Train RUN_DIR as worker RANK of N connected to the other workers (the cluster task that starts it relays the "
                + "rendezvous over standard output and input); resumes from the run's newest checkpoint if it has one.")
final class WorkerCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "the run directory")
    Path dir;

    @Option(names = "--rank", required = true, paramLabel = "R", description = "this worker's rank, from 0")
    int rank;

    @Option(names = "--workers", required = true, paramLabel = "N", description = "the number of workers")
    int workers;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "the address this worker listens on for the others (default: ${DEFAULT-VALUE})")
    String host;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() throws IOException {
        BufferedOutputStream messages = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        System.setOut(System.err);
        threads.apply();
        RunDirectory run = RunDirectory.open(dir);
        try (MeshCollective mesh = MeshCollective.connect(new StreamCollective(System.in, messages, rank, workers), host)) {
            stopWhenOrphaned();
            Runs.trainAsWorker(Tasks.of(run.config()), run, mesh, TerminalProgress::forConsole);
        }
        return 0;
    }

    /**
     * The task that started this worker keeps its standard input open until it ends; when it reads
     * end-of-file the task (or its executor, or the driver of a local master) is gone, and the
     * worker stops at once rather than train on and write into a run someone may resume.
     */
    private static void stopWhenOrphaned() {
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    continue;
                }
            } catch (IOException e) {
                System.err.println("jemini worker: cannot read from the cluster task (" + e.getMessage() + ")");
            }
            System.err.println("jemini worker: the cluster task that started this worker is gone; stopping");
            Runtime.getRuntime().halt(JeminiCli.FAILURE);
        }, "orphan-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
