package io.jemini.eval.cli;

import io.jemini.contrastive.training.SparcRunConfig;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.config.RuntimeSection;
import io.jemini.engine.device.DeviceScope;
import io.jemini.engine.training.LmRunConfig;
import io.jemini.eval.bench.ActivationMemoryBenchmark;
import io.jemini.eval.bench.AttentionBenchmark;
import io.jemini.eval.bench.DecodeBenchmark;
import io.jemini.eval.bench.MatmulBenchmark;
import io.jemini.eval.bench.MoeBenchmark;
import io.jemini.eval.bench.OpenClBenchmark;
import io.jemini.eval.bench.SparcBenchmark;
import io.jemini.eval.bench.TrainLmBenchmark;
import io.jemini.experts.layer.MoeFeedForwards;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Benchmarks that print Jemini's speed as a ratio against baselines measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure Jemini against baselines measured in the same run: matmul (EJML, numpy/OpenBLAS), "
                + "train-lm (PyTorch CPU), moe (dense SwiGLU of equal active FLOPs), sparc (the CLIP step), attention "
                + "(plain attention, PyTorch), decode (tokens/s by context), activations (stored against checkpointed blocks), opencl (the device "
                + "path against the jvm backend: launches, copies, SGEMM, MoE and sparse-similarity kernels, training steps).")
final class BenchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SUITE", description = "the benchmark: matmul, train-lm, train-moe, moe, sparc, attention, decode, "
            + "activations or opencl")
    String suite;

    @Option(names = "--quick", description = "small sizes / few steps (a smoke run)")
    boolean quick;

    @Option(names = "--python", paramLabel = "PATH", defaultValue = "/usr/bin/python3",
            description = "python with numpy / torch for the baselines (default: ${DEFAULT-VALUE})")
    String python;

    @Option(names = "--config", paramLabel = "CONFIG",
            description = "train-lm / train-moe / decode / activations / sparc: the config whose model is measured (default: "
                    + "configs/lm-brown-small.json, configs/moe-vs-dense-brown.json with MoE on for train-moe, "
                    + "configs/sparc-vs-clip-shapes.json for sparc)")
    Path config;

    @Option(names = "--vocab", defaultValue = "2048", description = "train-lm: vocabulary size (default: ${DEFAULT-VALUE})")
    int vocab;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--backend", paramLabel = "jvm|opencl", defaultValue = "jvm",
            description = "where Jemini's side of the other suites runs (default: ${DEFAULT-VALUE}); the baselines are unchanged")
    String backend;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "auto",
            description = "the OpenCL device for opencl and --backend opencl (auto, gpu, cpu, a number or part of a name; "
                    + "default: ${DEFAULT-VALUE})")
    String device;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<String> suites = List.of("matmul", "train-lm", "train-moe", "moe", "sparc", "attention", "decode", "activations",
                "opencl");
        if (!suites.contains(suite)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "unknown benchmark '" + suite + "'; allowed: " + String.join(", ", suites));
        }
        threads.apply();
        if (!backend.equals("jvm") && !backend.equals("opencl")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--backend " + backend
                    + " is not allowed; allowed: jvm, opencl");
        }
        try (DeviceScope scope = DeviceScope.open(new RuntimeSection(suite.equals("opencl") ? "jvm" : backend, device), 0)) {
            if (scope.onDevice()) {
                System.out.println("jemini side on " + scope.describe());
            }
            runSuite();
        }
        return 0;
    }

    private void runSuite() {
        if (suite.equals("matmul")) {
            Map<String, LmRunConfig> models = new LinkedHashMap<>();
            for (String name : List.of("quickstart", "lm-brown-small")) {
                models.put(name, ConfigReader.load(Path.of("configs", name + ".json"), LmRunConfig.class, LmRunConfig.defaults(),
                        List.of(), List.of()).get(0).config());
            }
            MatmulBenchmark.run(quick, python, System.out, models);
        } else if (suite.equals("attention")) {
            AttentionBenchmark.run(quick, python, Path.of("scripts", "baselines", "attention_torch.py"), System.out);
        } else if (suite.equals("decode")) {
            DecodeBenchmark.run(lmConfig(), quick, System.out);
        } else if (suite.equals("activations")) {
            LmRunConfig cfg = lmConfig();
            ActivationMemoryBenchmark.run(cfg, vocab, quick, System.out, MoeFeedForwards.factory(cfg));
        } else if (suite.equals("opencl")) {
            Path file = config != null ? config : Path.of("configs", "quickstart.json");
            LmRunConfig dense = ConfigReader.load(file, LmRunConfig.class, LmRunConfig.defaults(), List.of("moe.enabled=false"),
                    List.of()).get(0).config();
            LmRunConfig moe = ConfigReader.load(file, LmRunConfig.class, LmRunConfig.defaults(), List.of("moe.enabled=true"),
                    List.of()).get(0).config();
            OpenClBenchmark.run(device, dense, moe, quick, System.out);
        } else if (suite.equals("moe")) {
            MoeBenchmark.run(quick, System.out);
        } else if (suite.equals("sparc")) {
            Path file = config != null ? config : Path.of("configs", "sparc-vs-clip-shapes.json");
            SparcBenchmark.run(ConfigReader.load(file, SparcRunConfig.class, SparcRunConfig.defaults(), List.of(), List.of())
                    .get(0).config(), quick, python, Path.of("scripts", "baselines", "train_sparc_torch.py"), System.out);
        } else {
            boolean moe = suite.equals("train-moe");
            Path file = config != null ? config : Path.of("configs", moe ? "moe-vs-dense-brown.json" : "lm-brown-small.json");
            LmRunConfig cfg = ConfigReader.load(file, LmRunConfig.class, LmRunConfig.defaults(),
                    moe ? List.of("moe.enabled=true") : List.of(), List.of()).stream().map(ConfigReader.Point::config)
                    .filter(c -> !moe || c.moe().enabled()).findFirst().orElseThrow(() ->
                            new IllegalArgumentException(file + " has no point with moe.enabled=true"));
            TrainLmBenchmark.run(cfg, vocab, quick ? 6 : 30, python, Path.of("scripts", "baselines", "train_lm_torch.py"),
                    System.out, MoeFeedForwards.factory(cfg));
        }
    }

    /** The first point of {@code --config}, or of the small Brown LM's config. */
    private LmRunConfig lmConfig() {
        Path file = config != null ? config : Path.of("configs", "lm-brown-small.json");
        return ConfigReader.load(file, LmRunConfig.class, LmRunConfig.defaults(), List.of(), List.of()).get(0).config();
    }
}
