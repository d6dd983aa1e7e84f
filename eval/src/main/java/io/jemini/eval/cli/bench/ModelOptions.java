package io.jemini.eval.cli.bench;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The model an LM benchmark measures: a config file's first point and the vocabulary size. */
final class ModelOptions {
    @Option(names = "--config", paramLabel = "CONFIG", description = "the config whose model is measured")
    Path config;

    @Option(names = "--vocab", defaultValue = "2048", description = "vocabulary size (default: ${DEFAULT-VALUE})")
    int vocab;
}
