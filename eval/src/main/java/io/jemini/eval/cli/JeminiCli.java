package io.jemini.eval.cli;

import io.jemini.engine.checkpoint.CheckpointException;
import io.jemini.engine.config.ConfigException;
import io.jemini.engine.config.UsageException;
import io.jemini.engine.io.SafetensorsException;
import io.jemini.engine.training.RunStopped;
import io.jemini.engine.training.TrainingException;
import io.jemini.opencl.runtime.DeviceException;
import io.jemini.opencl.translate.TranslationException;
import java.io.UncheckedIOException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code jemini} command line: one subcommand per job. */
@Command(name = "jemini", mixinStandardHelpOptions = true, version = "jemini 0.1.0",
        description = "Pure-Java research engine for sparse MoE, long-context transformers and SPARC.",
        subcommands = {RunCommand.class, ResumeCommand.class, EvalCommand.class, ReportCommand.class, GenerateCommand.class,
                ExportCommand.class, ImportCommand.class,
                OpCommand.class, io.jemini.eval.cli.bench.BenchCommand.class, DevicesCommand.class, ClusterCheckCommand.class,
                PointCommand.class, WorkerCommand.class, CommandLine.HelpCommand.class})
public final class JeminiCli implements Runnable {
    /** Exit code for a bad config or bad command-line usage. */
    public static final int USAGE = 2;
    /** Exit code for a failure while running (bad data file, numerical failure, I/O). */
    public static final int FAILURE = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (0 success, 2 usage/config, 1 failure). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new JeminiCli());
        cli.setParameterExceptionHandler((e, given) -> {
            CommandLine at = e.getCommandLine();
            at = at == null ? cli : at;
            String name = at.getCommandSpec().qualifiedName(" ");
            at.getErr().println(name + ": " + e.getMessage() + " (see '" + name + " --help')");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String name = commandLine.getCommandSpec().qualifiedName(" ");
            if (e instanceof RunStopped stopped) {
                commandLine.getErr().println(name + ": " + e.getMessage());
                return stopped.exitCode();
            }
            if (e instanceof ConfigException || e instanceof UsageException) {
                commandLine.getErr().println(name + ": " + e.getMessage());
                return USAGE;
            }
            if (e instanceof SafetensorsException || e instanceof CheckpointException || e instanceof TrainingException
                    || e instanceof IllegalArgumentException || e instanceof DeviceException
                    || e instanceof TranslationException
                    || e instanceof IndexOutOfBoundsException || e instanceof UncheckedIOException
                    || e instanceof ArithmeticException || e instanceof IllegalStateException) {
                commandLine.getErr().println(name + ": " + e.getMessage());
            } else {
                commandLine.getErr().println(name + ": internal error: " + e
                        + " (set JEMINI_DEBUG=1 for the stack trace)");
            }
            if (System.getenv("JEMINI_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            return FAILURE;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("jemini: out of heap memory (the heap limit is " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MiB); raise it with JEMINI_HEAP, e.g. JEMINI_HEAP=16g scripts/jemini ..., or make the model or batch smaller");
            return FAILURE;
        }
    }
}
