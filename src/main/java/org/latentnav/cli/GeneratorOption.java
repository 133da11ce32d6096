package org.latentnav.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --generator} option shared by commands that load a generator. */
public final class GeneratorOption {
    @Option(names = "--generator", description = "Generator folder (default: models/generator).")
    Path generator;

    /** Returns the folder given on the command line, else the shipped generator. */
    public Path folder() {
        return ModelPaths.orDefault(generator, ModelPaths.GENERATOR);
    }
}
