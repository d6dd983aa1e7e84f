package io.jemini.eval.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.io.FileTrees;
import io.jemini.eval.cli.JeminiCli;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code jemini bench cluster}: data-parallel training steps with 1, 2 and 4 workers in
 * {@code local[N]}, from the workers' own time records, and what they imply for a real cluster.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"Per-step time and the share spent exchanging gradients for the quickstart model and "
                + "configs/lm-brown-small.json, with 1 worker (in this process) and 2 and 4 Spark workers in local[N], "
                + "all on 4 micro-batches per step (so all three compute the same bits).",
                "On one machine the workers share its cores, so this measures the overhead, not a speed-up; the last "
                        + "column estimates the speed-up on N machines like this one joined by 10 Gb/s Ethernet."})
final class ClusterBench implements Callable<Integer> {
    private static final double LINK_BYTES_PER_SECOND = 1.25e9;
    private static final double LINK_LATENCY_SECONDS = 50e-6;

    @Mixin
    BenchOptions options;

    /** One measured configuration: per-step compute and exchange of rank 0, bytes each worker sent per step. */
    private record Measured(double computePerStep, double exchangePerStep, double sentPerStep) {
        double stepSeconds() {
            return computePerStep + exchangePerStep;
        }
    }

    @Override
    public Integer call() throws IOException {
        Path scratch = Files.createTempDirectory("jemini-bench-cluster");
        System.out.println("data-parallel steps, 4 micro-batches each: means over each run's steps after its first 5 "
                + "(the JIT's warm-up), from rank 0's workers/rank-0.json");
        System.out.printf(Locale.ROOT, "%-16s %7s %12s %12s %10s %12s %14s%n", "config", "workers", "step ms", "exchange ms",
                "exchange %", "sent KB/step", "est. speed-up");
        try {
            measure("quickstart", options.quick ? 20 : 100, scratch);
            measure("lm-brown-small", options.quick ? 10 : 40, scratch);
        } finally {
            FileTrees.delete(scratch);
        }
        System.out.println("estimate: on N machines like this one, each computes 1/N of the 1-worker step and sends what it "
                + "sent here at 1.25 GB/s (10 Gb/s Ethernet), 50 us per round (the scalars' all-gather, then log2 N "
                + "halving and log2 N doubling exchanges); the exchange measured here also holds the waiting of workers "
                + "that share this machine's cores");
        return 0;
    }

    private void measure(String name, int steps, Path scratch) {
        Measured one = null;
        for (int workers : new int[] {1, 2, 4}) {
            Measured m = run(name, steps, workers, scratch.resolve(name + "-" + workers));
            if (workers == 1) {
                one = m;
            }
            double estimate = Double.NaN;
            if (workers > 1) {
                int rounds = 1 + 2 * Integer.numberOfTrailingZeros(workers);
                double wireSeconds = m.sentPerStep() / LINK_BYTES_PER_SECOND + rounds * LINK_LATENCY_SECONDS;
                estimate = one.stepSeconds() / (one.computePerStep() / workers + wireSeconds);
            }
            System.out.printf(Locale.ROOT, "%-16s %7d %12.1f %12.1f %9.1f%% %12.1f %14s%n", name, workers,
                    1e3 * m.stepSeconds(), 1e3 * m.exchangePerStep(), 100 * m.exchangePerStep() / m.stepSeconds(),
                    m.sentPerStep() / 1e3, workers == 1 ? "" : String.format(Locale.ROOT, "%.2fx", estimate));
        }
    }

    private Measured run(String name, int steps, int workers, Path out) {
        List<String> args = new ArrayList<>(List.of("run", "configs/" + name + ".json", "--out", out.toString(),
                "--set", "train.steps=" + steps, "--set", "train.warmup_steps=1", "--set", "train.micro_batches=4",
                "--set", "train.workers=" + workers, "--set", "train.log_every=" + steps, "--set", "train.eval_every=" + steps,
                "--set", "train.checkpoint_every=" + steps, "--set", "eval.batches=1", "--set", "eval.samples=0"));
        if (workers > 1) {
            args.add("--cluster");
            args.add("local[" + workers + "]");
        }
        PrintStream console = System.out;
        int exit;
        try (PrintStream log = new PrintStream(Files.newOutputStream(Files.createDirectories(out).resolve("bench.log")), true,
                StandardCharsets.UTF_8)) {
            System.setOut(log);
            exit = JeminiCli.execute(args.toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            System.setOut(console);
        }
        if (exit != 0) {
            throw new IllegalStateException(name + " with " + workers + " workers failed (exit " + exit + "); see "
                    + out.resolve("bench.log"));
        }
        JsonNode timing = ConfigReader.readTree(runDirectory(out).resolve("workers/rank-0.json"));
        double n = timing.path("steps").asDouble();
        return new Measured(timing.path("compute_seconds").asDouble() / n, timing.path("exchange_seconds").asDouble() / n,
                timing.path("sent_bytes").asDouble() / n);
    }

    private static Path runDirectory(Path out) {
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(Files::isDirectory).findFirst().orElseThrow(() -> new IllegalStateException("no run in " + out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
