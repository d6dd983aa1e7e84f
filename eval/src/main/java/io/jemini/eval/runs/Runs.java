package io.jemini.eval.runs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.engine.checkpoint.Checkpoint;
import io.jemini.engine.checkpoint.CheckpointStore;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.device.DeviceScope;
import io.jemini.engine.io.ParameterIO;
import io.jemini.engine.training.LmRunConfig;
import io.jemini.engine.training.MemoryEstimate;
import io.jemini.engine.training.Progress;
import io.jemini.engine.training.ResumeCheck;
import io.jemini.engine.training.RunDirectory;
import io.jemini.engine.training.RunEnvironment;
import io.jemini.engine.training.RunLock;
import io.jemini.engine.training.Trainer;
import io.jemini.eval.report.ReportWriter;
import io.jemini.experts.layer.MoeFeedForwards;
import io.jemini.kernels.backend.JvmBackend;
import io.jemini.opencl.runtime.Transfers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** Starts and resumes runs: resolved config in, results and report out. */
public final class Runs {
    /** The results shown per run in a sweep summary. */
    public static final List<String> SUMMARY = List.of("val_loss", "val_bits_per_byte", "test_loss", "tokens_per_s");

    private Runs() {
    }

    /**
     * Writes the resolved config (with the environment) into {@code run}, trains, and writes results
     * and the report, holding the run's lock throughout. A resume checks the config against the
     * one its checkpoint was trained with ({@code acceptChange}: go on under a changed one).
     */
    public static void train(RunDirectory run, LmRunConfig config, boolean resume, boolean acceptChange, Progress progress) {
        locked(run, config, LmRunConfig.defaults(), resume, acceptChange, c -> c.withEnvironment(environment()),
                resolved -> trainLocked(run, resolved, resume, progress));
    }

    /**
     * Holds {@code run}'s lock around {@code train}. A fresh run first writes its config resolved
     * by {@code resolve} (which adds the environment); a resume first checks its config against
     * the newest checkpoint's.
     */
    static <T> void locked(RunDirectory run, T config, T defaults, boolean resume, boolean acceptChange,
                           UnaryOperator<T> resolve, Consumer<T> train) {
        try (RunLock lock = RunLock.acquire(run)) {
            T resolved = config;
            if (resume) {
                ResumeCheck.check(run, new CheckpointStore(run.checkpoints(), Integer.MAX_VALUE), ConfigReader.toTree(config),
                        ConfigReader.toTree(defaults), acceptChange);
            } else {
                resolved = resolve.apply(config);
                run.write(run.config(), ConfigReader.toJson(ConfigReader.toTree(resolved)));
            }
            train.accept(resolved);
        }
    }

    private static void trainLocked(RunDirectory run, LmRunConfig resolved, boolean resume, Progress progress) {
        try (DeviceScope backend = DeviceScope.open(resolved.runtime(), MemoryEstimate.of(resolved).bytes())) {
            Trainer.Setup setup = setup(resolved, run);
            progress.line(setup.data().description() + "; " + String.format(java.util.Locale.ROOT, "%,d",
                    setup.model().parameterCount()) + " parameters; heap limit " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MiB; backend " + backend.describe());
            ObjectNode results = Trainer.run(run, setup, resume, progress);
            recordBackend(results, backend);
            run.write(run.results(), ConfigReader.toJson(results));
            ReportWriter.write(run);
            progress.line(String.format(java.util.Locale.ROOT,
                    "validation loss %.4f, test loss %.4f%s; %.0f tokens/s, peak heap %.0f MB; report: %s",
                    results.path("val_loss").asDouble(), results.path("test_loss").asDouble(),
                    results.has("val_bits_per_byte") ? String.format(java.util.Locale.ROOT, ", %.4f bits/byte (val)",
                            results.path("val_bits_per_byte").asDouble()) : "", results.path("tokens_per_s").asDouble(),
                    results.path("peak_heap_mb").asDouble(), run.report()));
        }
    }

    /** Which backend trained the run and, on a device, how many bytes crossed each way over the whole run. */
    static void recordBackend(ObjectNode results, DeviceScope backend) {
        results.put("backend", backend.describe());
        Transfers.Snapshot moved = backend.transfers();
        results.put("host_to_device_bytes", moved.uploadBytes());
        results.put("device_to_host_bytes", moved.downloadBytes());
    }

    /** The model and data of a config, with MoE feed-forwards where the config asks for them. */
    public static Trainer.Setup setup(LmRunConfig config, RunDirectory run) {
        return Trainer.Setup.of(config, run, MoeFeedForwards.factory(config));
    }

    /** The config stored in a run directory. */
    public static LmRunConfig config(RunDirectory run) {
        return ConfigReader.parseResolved(run.config().toString(), ConfigReader.readTree(run.config()), LmRunConfig.class,
                LmRunConfig.defaults());
    }

    /** The stored config with {@code --set} overrides (e.g. inference-time RoPE scaling or suite sizes). */
    public static LmRunConfig config(RunDirectory run, List<String> sets) {
        if (sets.isEmpty()) {
            return config(run);
        }
        return ConfigReader.load(run.config(), LmRunConfig.class, LmRunConfig.defaults(), sets,
                List.of()).get(0).config();
    }

    /**
     * The model of a run with the parameters of a located checkpoint.
     */
    public static Trainer.Setup trained(Located located) {
        return trained(located, List.of());
    }

    /** The trained model of a run whose config takes {@code sets} overrides first. */
    public static Trainer.Setup trained(Located located, List<String> sets) {
        RunDirectory run = located.run();
        Checkpoint ckpt = located.checkpoint();
        Trainer.Setup setup = setup(config(run, sets), run);
        ParameterIO.load(setup.model().parameters(), ckpt.model());
        ParameterIO.loadBuffers(setup.model().buffers(), ckpt.model());
        return setup;
    }

    /** Where and how a run starting now is made: git commit, JDK, thread count, UTC time. */
    public static RunEnvironment environment() {
        return new RunEnvironment(gitCommit(), Runtime.version().toString(), JvmBackend.current().threads(),
                ZonedDateTime.now(ZoneOffset.UTC).toString());
    }

    /** The run's kind (its config.json's task). */
    public static RunKind kind(Located located) {
        return RunKind.of(located.run().config());
    }

    /** A run directory and one of its verified checkpoints. */
    public record Located(RunDirectory run, Checkpoint checkpoint) {
    }

    /** {@code path} is a run directory (its newest checkpoint) or a checkpoint directory inside one. */
    public static Located locate(Path path) {
        boolean isCheckpoint = java.nio.file.Files.isRegularFile(path.resolve(CheckpointStore.STATE));
        RunDirectory run = RunDirectory.open(isCheckpoint ? path.toAbsolutePath().getParent().getParent() : path);
        Checkpoint ckpt = isCheckpoint ? CheckpointStore.load(path)
                : new CheckpointStore(run.checkpoints(), Integer.MAX_VALUE).latest().orElseThrow(() ->
                        new IllegalArgumentException(run.dir() + " has no complete checkpoint to evaluate"));
        return new Located(run, ckpt);
    }

    /** The commit of the working directory's git checkout, or "unknown". */
    public static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(Path.of("").toAbsolutePath().toFile())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("[0-9a-f]{40}")) {
                return out;
            }
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }
}
