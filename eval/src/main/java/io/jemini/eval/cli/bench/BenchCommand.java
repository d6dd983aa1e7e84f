package io.jemini.eval.cli.bench;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Benchmarks that print Jemini's speed as a ratio against baselines measured in the same run, one subcommand each. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure Jemini against baselines measured in the same run; 'jemini bench SUITE --help' for a suite's "
                + "options.",
        subcommands = {MatmulBench.class, TrainLmBench.class, TrainMoeBench.class, TrainMultimodalBench.class, MoeBench.class,
            SparcBench.class, AttentionBench.class,
            DecodeBench.class, ActivationsBench.class, OpenClBench.class, ClusterBench.class})
public final class BenchCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "SUITE", hidden = true)
    String unknown;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> suites = spec.subcommands().keySet().stream().toList();
        throw new ParameterException(spec.commandLine(), unknown == null ? "give a benchmark: " + String.join(", ", suites)
                : "unknown benchmark '" + unknown + "'; allowed: " + String.join(", ", suites));
    }
}
